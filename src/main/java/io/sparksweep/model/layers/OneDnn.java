package io.sparksweep.model.layers;

import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The few calls of oneDNN's C API (the JavaCPP preset's build, not the one inside libnd4j) that
 * {@link OneDnnConvolution} makes, each checking its status. oneDNN's objects are created once per batch geometry
 * ({@link OneDnnConvolutionPlan}) and then only executed; nothing here is mutable but the engine, created once.
 */
final class OneDnn {

    private OneDnn() {
    }

    /** Whether the direct oneDNN path may run: the Java kernels enabled (CPU backend) and the library loaded. */
    static boolean available() {
        return HostArrays.kernelsEnabled() && Library.ENGINE != null;
    }

    /** The CPU engine; only when {@link #available()}. */
    static dnnl_engine engine() {
        return Library.ENGINE;
    }

    /** Loaded on first use; a platform without the preset's native library leaves the engine null. */
    private static final class Library {
        static final dnnl_engine ENGINE = load();

        private static dnnl_engine load() {
            try {
                PointerPointer<?> out = new PointerPointer<>(1);
                check(dnnl.dnnl_engine_create(out, dnnl_cpu, 0), "engine");
                return new dnnl_engine(out.get(0));
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
    }

    static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
        }
    }

    static dnnl_stream stream() {
        PointerPointer<?> out = new PointerPointer<>(1);
        check(dnnl.dnnl_stream_create(out, engine(), dnnl.dnnl_stream_default_flags), "stream");
        return new dnnl_stream(out.get(0));
    }

    /** A float memory descriptor of {@code dims} in layout {@code tag} ({@code dnnl_format_tag_any} included). */
    static dnnl_memory_desc_t descriptor(long[] dims, int tag) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl.dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, tag), "memory descriptor");
        return md;
    }

    /** A memory object over {@code data}, which may be replaced per call with {@link #point}. */
    static dnnl_memory memory(dnnl_memory_desc_t md, Pointer data) {
        PointerPointer<?> out = new PointerPointer<>(1);
        check(dnnl.dnnl_memory_create(out, md, engine(), data), "memory");
        return new dnnl_memory(out.get(0));
    }

    /** A 64-byte aligned native buffer for {@code md}, freed when the returned pointer is collected. */
    static FloatPointer buffer(dnnl_memory_desc_t md) {
        long floats = dnnl.dnnl_memory_desc_get_size(md) / Float.BYTES;
        FloatPointer p = new FloatPointer(floats + 16);
        return p.position(((64 - (p.address() & 63)) & 63) / Float.BYTES);
    }

    static void point(dnnl_memory memory, Pointer data) {
        check(dnnl.dnnl_memory_set_data_handle(memory, data), "set data handle");
    }

    static dnnl_primitive_desc primitiveDescriptor(Pointer opDescriptor, dnnl_primitive_attr attr,
                                                   dnnl_primitive_desc hint, String what) {
        PointerPointer<?> out = new PointerPointer<>(1);
        check(dnnl.dnnl_primitive_desc_create(out, new const_dnnl_op_desc_t(opDescriptor), attr, engine(), hint), what);
        return new dnnl_primitive_desc(out.get(0));
    }

    static dnnl_primitive primitive(dnnl_primitive_desc pd, String what) {
        PointerPointer<?> out = new PointerPointer<>(1);
        check(dnnl.dnnl_primitive_create(out, pd), what);
        return new dnnl_primitive(out.get(0));
    }

    /** A reorder from layout {@code from} to layout {@code to}. */
    static dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
        PointerPointer<?> out = new PointerPointer<>(1);
        check(dnnl.dnnl_reorder_primitive_desc_create(out, from, engine(), to, engine(), null), "reorder");
        dnnl_primitive_desc pd = new dnnl_primitive_desc(out.get(0));
        dnnl_primitive reorder = primitive(pd, "reorder");
        dnnl.dnnl_primitive_desc_destroy(pd);
        return reorder;
    }

    /**
     * The memory descriptor a primitive descriptor chose for {@code what} (a {@code dnnl_query_*_md}); it lives as long
     * as {@code pd}.
     */
    static dnnl_memory_desc_t query(dnnl_primitive_desc pd, int what) {
        return dnnl.dnnl_primitive_desc_query_md(pd, what, 0);
    }

    static boolean same(dnnl_memory_desc_t a, dnnl_memory_desc_t b) {
        return dnnl.dnnl_memory_desc_equal(a, b) != 0;
    }

    /** One primitive with its arguments bound: execute it as often as needed, repointing the memories between. */
    static final class Call {
        private final dnnl_primitive primitive;
        private final dnnl_exec_arg_t args;
        private final int count;

        Call(dnnl_primitive primitive, int[] kinds, dnnl_memory... memories) {
            this.primitive = primitive;
            this.count = kinds.length;
            this.args = new dnnl_exec_arg_t(count);
            for (int i = 0; i < count; i++) {
                args.position(i).arg(kinds[i]).memory(memories[i]);
            }
            args.position(0);
        }

        void run(dnnl_stream stream) {
            check(dnnl.dnnl_primitive_execute(primitive, stream, count, args), "execute");
        }

        void release() {
            dnnl.dnnl_primitive_destroy(primitive);
            args.close();
        }
    }
}
