package io.transfab.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Labelled splits for a {@link ResamplingOptions} protocol, seeded and reproducible. */
public final class Resampling {
    private Resampling() {
    }

    /**
     * The splits of n rows. KFOLD equals {@link Splits#kFold(int, int, long)} with the same seed;
     * REPEATED_KFOLD's first repeat does too, later repeats use seeds drawn from a
     * SplittableRandom(seed); LEAVE_ONE_OUT ignores the seed. GROUP_KFOLD needs group labels: use
     * {@link #of(ResamplingOptions, String[], long)}.
     */
    public static List<FoldSplit> of(ResamplingOptions options, int n, long seed) {
        return switch (options.protocol()) {
            case KFOLD -> label(0, Splits.kFold(n, options.k(), seed));
            case REPEATED_KFOLD -> {
                SplittableRandom rng = new SplittableRandom(seed);
                List<FoldSplit> out = new ArrayList<>(options.k() * options.repeats());
                for (int r = 0; r < options.repeats(); r++) {
                    long s = r == 0 ? seed : rng.nextLong();
                    out.addAll(label(r, Splits.kFold(n, options.k(), s)));
                }
                yield out;
            }
            case LEAVE_ONE_OUT -> label(0, Splits.leaveOneOut(n));
            case GROUP_KFOLD -> throw new IllegalArgumentException(
                    "group k-fold needs a group label per row; call of(options, groups, seed)");
        };
    }

    /**
     * The splits of rows labelled by {@code groups} (one label per row). For GROUP_KFOLD see
     * {@link Splits#groupKFold(String[], int, long)}; the other protocols ignore the labels.
     */
    public static List<FoldSplit> of(ResamplingOptions options, String[] groups, long seed) {
        if (options.protocol() == Protocol.GROUP_KFOLD) {
            return label(0, Splits.groupKFold(groups, options.k(), seed));
        }
        return of(options, groups.length, seed);
    }

    private static List<FoldSplit> label(int repeat, List<Splits.Split> splits) {
        List<FoldSplit> out = new ArrayList<>(splits.size());
        for (int f = 0; f < splits.size(); f++) {
            out.add(new FoldSplit(repeat, f, splits.get(f)));
        }
        return out;
    }
}
