package io.transfab.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded row splits: shuffles, k-fold partitions and train/test draws. */
public final class Splits {
    private Splits() {
    }

    /** One train/test partition of row indices. */
    public record Split(int[] train, int[] test) {
        public Split {
            train = train.clone();
            test = test.clone();
        }

        @Override
        public int[] train() {
            return train.clone();
        }

        @Override
        public int[] test() {
            return test.clone();
        }
    }

    /** A seeded permutation of 0..n-1 (Fisher-Yates). */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Shuffled k-fold: every row is in exactly one test fold; fold sizes differ by at most one. */
    public static List<Split> kFold(int n, int k, long seed) {
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("k-fold needs 2 <= k <= rows; got k=" + k + " for " + n + " rows");
        }
        int[] p = permutation(n, seed);
        List<Split> out = new ArrayList<>(k);
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            int[] test = Arrays.copyOfRange(p, start, start + size);
            int[] train = new int[n - size];
            System.arraycopy(p, 0, train, 0, start);
            System.arraycopy(p, start + size, train, start, n - start - size);
            Arrays.sort(test);
            Arrays.sort(train);
            out.add(new Split(train, test));
            start += size;
        }
        return out;
    }

    /** A seeded draw of {@code trainSize} rows for training; the rest are the test rows. */
    public static Split trainTest(int n, int trainSize, long seed) {
        if (trainSize < 1 || trainSize >= n) {
            throw new IllegalArgumentException("train size must be in [1, " + (n - 1) + "]; got " + trainSize);
        }
        int[] p = permutation(n, seed);
        int[] train = Arrays.copyOfRange(p, 0, trainSize);
        int[] test = Arrays.copyOfRange(p, trainSize, n);
        Arrays.sort(train);
        Arrays.sort(test);
        return new Split(train, test);
    }
}
