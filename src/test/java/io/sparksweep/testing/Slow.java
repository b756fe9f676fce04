package io.sparksweep.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class as slow: it starts child JVMs, a cluster or HDFS, or trains long enough to dominate the suite.
 * {@code mvn -B test} runs every test; {@code mvn -B test -DexcludedGroups=slow} leaves these out for a quick check
 * while developing (the tag is JUnit's, so surefire filters by it in both of its executions).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(Slow.TAG)
public @interface Slow {

    /** The JUnit tag name, as {@code -Dgroups} and {@code -DexcludedGroups} spell it. */
    String TAG = "slow";
}
