package io.sparksweep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
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
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(file.toString(), null, "no such spec file");
        } catch (IOException e) {
            throw new SpecException(file.toString(), null, "cannot read: " + e.getMessage());
        }
        Path specFolder = file.toAbsolutePath().getParent();
        return validator.validate(parse(text, source), text, source, specFolder);
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
        } catch (JsonMappingException e) {
            throw new SpecException(source, path(e), "wrong type: " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new SpecException(source, null, where + "not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
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
