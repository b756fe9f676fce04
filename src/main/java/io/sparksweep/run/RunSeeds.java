package io.sparksweep.run;

/**
 * Run seeds derived from the sweep's master seed. Repeat r of every trial gets the same seed (common
 * random numbers make trials comparable), and adding repeats later keeps the earlier seeds.
 */
public final class RunSeeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private RunSeeds() {
    }

    public static long forRepeat(long masterSeed, int repeat) {
        return mix(masterSeed + GOLDEN_GAMMA * (repeat + 1L));
    }

    /**
     * The seed of the i-th fresh run of a rerun (0-based): stable, so a rerun resumes, and from another stream
     * than {@link #forRepeat}. The mixer's inputs walk away from the master seed in the other direction, so they
     * never meet a sweep's (they would after 2^63 repeats); the outputs, a bijection of the inputs with the sign bit
     * dropped, could only collide by that one bit, a 2^-63 chance per pair.
     */
    public static long forRerun(long masterSeed, int index) {
        return mix(masterSeed - GOLDEN_GAMMA * (index + 1L));
    }

    /** SplitMix64 finaliser: well-spread seeds from consecutive inputs. */
    private static long mix(long input) {
        long z = input;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
