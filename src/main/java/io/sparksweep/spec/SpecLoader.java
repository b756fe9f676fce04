package io.sparksweep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Reads a YAML sweep spec onto {@link SweepSpec} records and validates it. Jackson maps YAML only onto
 * those records (no polymorphic typing), so YAML tags can never construct arbitrary classes.
 */
public final class SpecLoader {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    private final SpecValidator validator;

    /**
     * @param knownModels     model family names the spec may use
     * @param knownOptimizers optimizer names the spec may use
     */
    public SpecLoader(Collection<String> knownModels, Collection<String> knownOptimizers) {
        this.validator = new SpecValidator(knownModels, knownOptimizers);
    }

    public SweepDefinition load(Path file) {
        String source = file.getFileName().toString();
        String text;
        try {
            text = utf8(Files.readAllBytes(file), file);
        } catch (NoSuchFileException e) {
            throw new SpecException(file.toString(), null, "no such spec file");
        } catch (IOException e) {
            throw new SpecException(file.toString(), null, "cannot read: " + e.getMessage());
        }
        Path specFolder = file.toAbsolutePath().getParent();
        return validator.validate(parse(text, source), text, source, specFolder);
    }

    /** The file's text; a spec that is not UTF-8 is named with the first byte that is not. */
    private static String utf8(byte[] bytes, Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new SpecException(file.toString(), null, String.format(
                    "not UTF-8 text: byte 0x%02X at offset %d (line %d) is not valid UTF-8; save the spec as UTF-8",
                    bytes[in.position()] & 0xFF, in.position(), lineOf(bytes, in.position())));
        }
        return out.flip().toString();
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Parses spec text that did not come from a file (the Java API, tests). */
    public SweepDefinition loadText(String text, String sourceName) {
        return validator.validate(parse(text, sourceName), text, sourceName, Path.of("").toAbsolutePath());
    }

    private SweepSpec parse(String text, String source) {
        try {
            SweepSpec spec = yaml.readValue(text, SweepSpec.class);
            if (spec == null) {
                throw new SpecException(source, null, "the spec is empty");
            }
            return spec;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : " (known: " + e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
            throw new SpecException(source, path(e), "unknown field" + known);
        } catch (InvalidFormatException e) {
            throw new SpecException(source, path(e), "wrong type: expected " + typeName(e.getTargetType()) + ", got '"
                    + SpecException.quote(String.valueOf(e.getValue())) + "'");
        } catch (JsonMappingException e) {
            throw new SpecException(source, path(e), "wrong type: " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new SpecException(source, null, where + "not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        } else if (type == Double.class || type == double.class) {
            return "a number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type == null ? "another type" : "a " + type.getSimpleName();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
