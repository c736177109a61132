package io.transfab.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded row splits: shuffles, k-fold, leave-one-out and group k-fold partitions, train/test draws. */
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
        return permutation(n, new SplittableRandom(seed));
    }

    /** A permutation of 0..n-1 drawn from {@code rng} (Fisher-Yates), for callers that own a stream. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
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
    /** Leave-one-out: split i tests row i alone and trains on the other n - 1 rows. */
    public static List<Split> leaveOneOut(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("leave-one-out needs at least 2 rows; got " + n);
        }
        List<Split> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] train = new int[n - 1];
            for (int j = 0, t = 0; j < n; j++) {
                if (j != i) {
                    train[t++] = j;
                }
            }
            out.add(new Split(train, new int[] {i}));
        }
        return out;
    }

    /**
     * Group k-fold over rows labelled {@code groups[row]}: every group lies wholly in one test fold,
     * so no group is ever on both sides of a split. Groups are placed largest first, each into the
     * fold with the fewest rows so far (lowest fold index on ties), which balances fold sizes in
     * rows; equally large groups are taken in a seeded random order, so the seed decides among
     * them. Needs 2 <= k <= number of distinct groups.
     */
    public static List<Split> groupKFold(String[] groups, int k, long seed) {
        Map<String, List<Integer>> rowsOf = new LinkedHashMap<>();
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == null) {
                throw new IllegalArgumentException("group label of row " + i + " is missing");
            }
            rowsOf.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
        }
        if (k < 2) {
            throw new IllegalArgumentException("group k-fold needs k >= 2; got k=" + k);
        }
        if (k > rowsOf.size()) {
            throw new IllegalArgumentException("group k-fold with k=" + k + " needs at least " + k
                    + " distinct groups; the rows have only " + rowsOf.size());
        }
        List<List<Integer>> distinct = new ArrayList<>(rowsOf.values());
        int[] order = permutation(distinct.size(), seed);
        List<List<Integer>> shuffled = new ArrayList<>(distinct.size());
        for (int i : order) {
            shuffled.add(distinct.get(i));
        }
        // List.sort is stable: equal sizes keep the seeded order
        shuffled.sort(Comparator.comparingInt((List<Integer> g) -> g.size()).reversed());
        List<List<Integer>> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        for (List<Integer> g : shuffled) {
            int smallest = 0;
            for (int f = 1; f < k; f++) {
                if (folds.get(f).size() < folds.get(smallest).size()) {
                    smallest = f;
                }
            }
            folds.get(smallest).addAll(g);
        }
        int n = groups.length;
        List<Split> out = new ArrayList<>(k);
        for (List<Integer> fold : folds) {
            boolean[] inTest = new boolean[n];
            for (int i : fold) {
                inTest[i] = true;
            }
            int[] test = new int[fold.size()];
            int[] train = new int[n - fold.size()];
            for (int i = 0, a = 0, b = 0; i < n; i++) {
                if (inTest[i]) {
                    test[a++] = i;
                } else {
                    train[b++] = i;
                }
            }
            out.add(new Split(train, test));
        }
        return out;
    }
}
