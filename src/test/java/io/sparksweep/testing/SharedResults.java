package io.sparksweep.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes the {@link TestResults} folder once per test run (consolidating sweeps costs seconds) and hands
 * it to any test method or {@code @BeforeAll} that takes a {@link Folder}. Tests must only read it. The
 * folder lives in JUnit's root store, which deletes it when the run ends.
 */
public final class SharedResults implements ParameterResolver {

    /** The shared, read-only results folder. */
    public record Folder(Path path) {
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedResults.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Folder.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Folder.class, key -> TempFolder.withResults(), TempFolder.class).folder();
    }

    private record TempFolder(Folder folder) implements ExtensionContext.Store.CloseableResource {

        static TempFolder withResults() {
            try {
                Path root = Files.createTempDirectory("sparksweep-shared-results");
                TestResults.write(LocalSpark.session(), root);
                return new TempFolder(new Folder(root));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> all = Files.walk(folder.path())) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
