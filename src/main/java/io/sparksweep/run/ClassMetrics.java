package io.sparksweep.run;

import java.io.Serializable;

/** Test-set metrics of one class in one run. */
public record ClassMetrics(int label, String name, double precision, double recall, double f1, long support) implements Serializable {
}
