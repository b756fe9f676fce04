package io.sparksweep.report;

import java.util.List;

/**
 * Test-set confusion counts of one configuration, summed over its successful seeds.
 *
 * @param counts {@code counts[actual][predicted]}, square, one row per entry of {@code classNames}
 */
public record ConfusionMatrix(String trialId, List<String> classNames, long[][] counts) {

    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long count : row) {
                total += count;
            }
        }
        return total;
    }
}
