package io.sparksweep.engine;

import scala.Function0;
import scala.Function2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The few Scala types needed to call SparkContext.submitJob from Java, which has no Java-friendly twin. */
final class ScalaInterop {

    private ScalaInterop() {
    }

    static Seq<Object> partitions(int count) {
        List<Object> ids = IntStream.range(0, count).boxed().collect(Collectors.toList());
        return JavaConverters.asScalaBufferConverter(ids).asScala().toSeq();
    }

    static <U> Function2<Object, U, BoxedUnit> resultHandler(BiConsumer<Integer, U> handler) {
        return new AbstractFunction2<>() {
            @Override
            public BoxedUnit apply(Object partition, U result) {
                handler.accept((Integer) partition, result);
                return BoxedUnit.UNIT;
            }
        };
    }

    static Function0<BoxedUnit> unit() {
        return new AbstractFunction0<>() {
            @Override
            public BoxedUnit apply() {
                return BoxedUnit.UNIT;
            }
        };
    }

    static <T> ClassTag<T> classTag(Class<T> type) {
        return ClassTag$.MODULE$.apply(type);
    }
}
