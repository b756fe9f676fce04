package io.sparksweep.engine;

/**
 * Run seeds derived from the sweep's master seed. Repeat r of every trial gets the same seed (common
 * random numbers make trials comparable), and adding repeats later keeps the earlier seeds.
 */
public final class RunSeeds {

    private RunSeeds() {
    }

    public static long forRepeat(long masterSeed, int repeat) {
        // SplitMix64 finaliser: well-spread seeds from consecutive inputs.
        long z = masterSeed + 0x9E3779B97F4A7C15L * (repeat + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
