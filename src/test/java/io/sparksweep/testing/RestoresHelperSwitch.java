package io.sparksweep.testing;

import io.sparksweep.train.NativeAcceleration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * For tests that flip DL4J's helper switch (a JVM-wide system property): puts it back as it was after each
 * test, so that other tests in the same surefire JVM see the setting they expect.
 */
public final class RestoresHelperSwitch implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RestoresHelperSwitch.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("saved",
                Optional.ofNullable(System.getProperty(NativeAcceleration.HELPERS_DISABLE_PROPERTY)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        Optional<String> saved = context.getStore(NAMESPACE).remove("saved", Optional.class);
        if (saved == null || saved.isEmpty()) {
            System.clearProperty(NativeAcceleration.HELPERS_DISABLE_PROPERTY);
        } else {
            System.setProperty(NativeAcceleration.HELPERS_DISABLE_PROPERTY, saved.get());
        }
    }
}
