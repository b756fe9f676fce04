package io.sparksweep;

import io.sparksweep.testing.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manual's Java snippet (docs/java-api.md) is src/test/java/ReadmeJavaExample.java's marked regions, which compile with the tests. */
class ReadmeJavaSnippetTest {

    private static final String CHAPTER = "docs/java-api.md";

    @Test
    void theJavaApiChapterQuotesTheCompiledExampleExactly() throws IOException {
        String source = Files.readString(ProjectPaths.root().resolve("src/test/java/ReadmeJavaExample.java"));
        String snippet = region(source, "imports") + "\n\n" + region(source, "code");
        String chapter = Files.readString(ProjectPaths.root().resolve(CHAPTER));
        assertTrue(chapter.contains("```java\n" + snippet + "\n```"),
                CHAPTER + " must quote ReadmeJavaExample.java's regions as one java block:\n" + snippet);
    }

    /** The lines between the region's markers, with their common indentation removed. */
    private static String region(String source, String name) {
        String body = source.substring(source.indexOf("// readme:" + name + "-begin\n") + ("// readme:" + name + "-begin\n").length(),
                source.indexOf("// readme:" + name + "-end"));
        String[] lines = body.stripTrailing().split("\n");
        int indent = Arrays.stream(lines).filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return Arrays.stream(lines).map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }
}
