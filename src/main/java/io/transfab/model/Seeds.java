package io.transfab.model;

/** Derives independent sub-seeds (ensemble members, folds, repeats) from one user seed. */
public final class Seeds {
    private Seeds() {
    }

    /** SplitMix64 finaliser of seed + (index+1) * golden gamma: distinct, well-mixed seeds per index. */
    public static long derive(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed for a named purpose, so that e.g. the CV splits and the training draws never share a stream. */
    public static long derive(long seed, String purpose) {
        return derive(seed, purpose.hashCode());
    }
}
