package io.transfab.model;

import io.transfab.data.Column;
import io.transfab.data.ColumnType;
import io.transfab.data.DataException;
import io.transfab.data.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Composition inputs: groups of feature columns that are parts of a whole (element fractions of a
 * screening plate summing to 1, slurry mass percentages summing to 100), found in the training
 * rows or declared, and turned into log-ratio coordinates by {@link LogRatio}.
 *
 * <p><b>Detection</b> ({@link #detect}) looks at the numeric features that are not constant and
 * accepts a set of them as a composition when
 * <ul>
 *   <li>it has at least {@value #MIN_PARTS} columns (two columns summing to a constant are one
 *       variable twice: declined, with a note to drop one),</li>
 *   <li>every value is >= 0 (a negative value is not a part of a whole: declined, with a note),</li>
 *   <li>every row's sum lies within {@value #SUM_TOLERANCE} (relative) of the mean sum, which
 *       accepts published percentages rounded to 0.5 % (100 +- 0.5, 1 +- 0.005), and the sum
 *       varies far less than its parts (standard deviation of the sum at most
 *       {@value #SUM_SD_SHARE} of the largest part's), so that near-constant columns do not pass,</li>
 *   <li>no smaller set inside it already passed (two compositions side by side also sum to a
 *       constant together: each is found on its own).</li>
 * </ul>
 * Sets are tried smallest first among at most {@value #MAX_CANDIDATES} candidate columns (a
 * larger table declares its groups); at least {@value #MIN_ROWS} rows are needed.
 */
public final class Compositions {
    /** Fewest parts detection accepts. */
    public static final int MIN_PARTS = 3;
    /** Largest relative deviation of a row's sum from the mean sum. */
    public static final double SUM_TOLERANCE = 0.005;
    /** Largest standard deviation of the sum relative to the largest standard deviation of a part. */
    public static final double SUM_SD_SHARE = 0.2;
    /** Most candidate columns detection searches (2^16 subsets). */
    public static final int MAX_CANDIDATES = 16;
    /** Fewest rows detection looks at. */
    public static final int MIN_ROWS = 3;

    private Compositions() {
    }

    /** How composition inputs are chosen: {@code off}, {@code auto} (detected) or the named groups. */
    public record Choice(Mode mode, List<List<String>> groups) {
        /** The three ways. */
        public enum Mode { OFF, AUTO, DECLARED }

        public Choice {
            groups = groups.stream().map(List::copyOf).toList();
            if ((mode == Mode.DECLARED) == groups.isEmpty()) {
                throw new IllegalArgumentException("declared compositions need groups, and only they have some");
            }
        }

        public static final Choice OFF = new Choice(Mode.OFF, List.of());
        public static final Choice AUTO = new Choice(Mode.AUTO, List.of());

        /**
         * Parses {@code off}, {@code auto} or groups {@code a+b+c} (columns joined by '+' or ',',
         * groups separated by ';'); null gives {@code auto}. {@code option} names the source in errors.
         */
        public static Choice parse(String text, String option) {
            if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("auto")) {
                return AUTO;
            }
            if (text.strip().equalsIgnoreCase("off")) {
                return OFF;
            }
            List<List<String>> groups = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String g : text.split(";")) {
                List<String> cols = Arrays.stream(g.split("[+,]")).map(String::strip).filter(c -> !c.isEmpty())
                        .toList();
                if (cols.size() < 2) {
                    throw DataException.option(option + " '" + text + "': a composition needs at least 2 columns "
                            + "joined by '+' (e.g. ni_frac+mn_frac+co_frac), or off, or auto");
                }
                for (String c : cols) {
                    if (!seen.add(c)) {
                        throw DataException.option(option + " '" + text + "': column " + c + " is in two groups");
                    }
                }
                groups.add(cols);
            }
            return new Choice(Mode.DECLARED, groups);
        }

        /** The text {@link #parse} reads back. */
        public String text() {
            return mode == Mode.DECLARED ? String.join(";", groups.stream().map(g -> String.join("+", g)).toList())
                    : mode.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What detection or a declaration found: the log-ratio transform (null: none), one line per
     * group for the user, and why candidate sets were declined.
     */
    public record Found(LogRatio logRatio, List<String> lines, List<String> declined) {
        public Found {
            lines = List.copyOf(lines);
            declined = List.copyOf(declined);
        }

        static final Found NONE = new Found(null, List.of(), List.of());
    }

    /**
     * The composition inputs of training rows {@code x} (encoded, not normalised) with schema
     * {@code schema} under {@code choice}: none for off, detected for auto, the named groups for a
     * declaration (each column must be a numeric feature with no negative value).
     */
    public static Found resolve(Choice choice, Schema schema, double[][] x) {
        return switch (choice.mode()) {
            case OFF -> Found.NONE;
            case AUTO -> detect(schema, x);
            case DECLARED -> declared(choice.groups(), schema, x);
        };
    }

    /** The encoded column of every numeric feature (width 1), -1 for the others. */
    private static int[] numericColumns(Schema schema) {
        int[] at = new int[schema.features().size()];
        int k = 0;
        for (int f = 0; f < at.length; f++) {
            Column c = schema.features().get(f);
            at[f] = c.type() == ColumnType.NUMERIC && c.width() == 1 ? k : -1;
            k += c.width();
        }
        return at;
    }

    private static Found declared(List<List<String>> groups, Schema schema, double[][] x) {
        List<String> names = schema.featureNames();
        int[] at = numericColumns(schema);
        List<int[]> cols = new ArrayList<>();
        for (List<String> g : groups) {
            int[] c = new int[g.size()];
            for (int k = 0; k < c.length; k++) {
                int f = names.indexOf(g.get(k));
                if (f < 0 || at[f] < 0) {
                    throw DataException.option("composition " + String.join("+", g) + ": '" + g.get(k) + "' is not a "
                            + "numeric feature (features: " + String.join(", ", names) + ")");
                }
                c[k] = at[f];
                for (int i = 0; i < x.length; i++) {
                    if (x[i][c[k]] < 0) {
                        throw DataException.option("composition " + String.join("+", g) + ": '" + g.get(k)
                                + "' has a negative value in training row " + (i + 1) + " (" + x[i][c[k]]
                                + "); parts of a whole are >= 0");
                    }
                }
            }
            cols.add(c);
        }
        return found(x, cols, groups, List.of(), "declared");
    }

    /** Detection as described in the class comment. */
    public static Found detect(Schema schema, double[][] x) {
        if (x.length < MIN_ROWS) {
            return Found.NONE;
        }
        List<String> names = schema.featureNames();
        int[] at = numericColumns(schema);
        List<Integer> cand = new ArrayList<>();
        for (int f = 0; f < at.length && cand.size() < MAX_CANDIDATES; f++) {
            if (at[f] >= 0 && sd(column(x, at[f])) > 0) {
                cand.add(f);
            }
        }
        int k = cand.size();
        double[] partSd = new double[k];
        boolean[] negative = new boolean[k];
        for (int c = 0; c < k; c++) {
            double[] col = column(x, at[cand.get(c)]);
            partSd[c] = sd(col);
            negative[c] = Arrays.stream(col).anyMatch(v -> v < 0);
        }
        List<Integer> taken = new ArrayList<>(); // masks of accepted and declined sets
        List<int[]> groups = new ArrayList<>();
        List<List<String>> groupNames = new ArrayList<>();
        List<String> declined = new ArrayList<>();
        for (int size = 2; size <= k; size++) {
            for (int mask = 0; mask < (1 << k); mask++) {
                if (Integer.bitCount(mask) != size || overlaps(mask, taken)
                        || !constantSum(x, at, cand, mask, partSd)) {
                    continue;
                }
                taken.add(mask);
                List<String> members = new ArrayList<>();
                List<Integer> cols = new ArrayList<>();
                boolean neg = false;
                for (int c = 0; c < k; c++) {
                    if ((mask & (1 << c)) != 0) {
                        members.add(names.get(cand.get(c)));
                        cols.add(at[cand.get(c)]);
                        neg |= negative[c];
                    }
                }
                String label = String.join("+", members);
                if (size < MIN_PARTS) {
                    declined.add(label + " sum to a constant but a composition needs at least " + MIN_PARTS
                            + " parts: kept as they are (drop one of them, it repeats the other)");
                } else if (neg) {
                    declined.add(label + " sum to a constant but have negative values: not a composition, kept as "
                            + "they are");
                } else {
                    groups.add(cols.stream().mapToInt(Integer::intValue).toArray());
                    groupNames.add(members);
                }
            }
        }
        return found(x, groups, groupNames, declined, "detected");
    }

    private static Found found(double[][] x, List<int[]> cols, List<List<String>> names, List<String> declined,
            String how) {
        if (cols.isEmpty()) {
            return new Found(null, List.of(), declined);
        }
        LogRatio lr = LogRatio.fit(x, cols, names);
        List<String> lines = new ArrayList<>();
        for (LogRatio.Group g : lr.groups()) {
            lines.add(String.format(Locale.ROOT, "composition inputs %s (sum %s, %s): log-ratio (ilr) coordinates",
                    g.label(), sum(g.total()), how));
        }
        return new Found(lr, lines, declined);
    }

    /**
     * The lines of a fine-tune, whose composition inputs are its base model's {@code base} (null:
     * none): the target's inputs must enter the pre-trained regressor as the source's did, so a
     * {@code --composition} other than auto ({@code requested}, null when not given) is refused.
     */
    public static List<String> inherited(LogRatio base, String requested) {
        if (requested != null && Choice.parse(requested, "--composition").mode() != Choice.Mode.AUTO) {
            throw DataException.option("--composition " + requested + ": finetune takes the composition inputs of "
                    + "the base model (" + (base == null ? "none" : String.join(", ", base.groups().stream()
                            .map(LogRatio.Group::label).toList())) + "); set it when training the base");
        }
        List<String> lines = new ArrayList<>();
        if (base != null) {
            for (LogRatio.Group g : base.groups()) {
                lines.add(String.format(Locale.ROOT, "composition inputs %s (sum %s, from the base model): log-ratio "
                        + "(ilr) coordinates", g.label(), sum(g.total())));
            }
        }
        return lines;
    }

    /** A total as the user wrote it: 1.000, 100.0. */
    private static String sum(double total) {
        return String.format(Locale.ROOT, total >= 10 ? "%.1f" : "%.3f", total);
    }

    private static boolean overlaps(int mask, List<Integer> taken) {
        for (int t : taken) {
            if ((mask & t) != 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean constantSum(double[][] x, int[] at, List<Integer> cand, int mask, double[] partSd) {
        double[] sums = new double[x.length];
        double maxSd = 0;
        for (int c = 0; c < cand.size(); c++) {
            if ((mask & (1 << c)) != 0) {
                int j = at[cand.get(c)];
                for (int i = 0; i < x.length; i++) {
                    sums[i] += x[i][j];
                }
                maxSd = Math.max(maxSd, partSd[c]);
            }
        }
        double mean = Arrays.stream(sums).average().orElse(0);
        if (!(mean > 0)) {
            return false;
        }
        for (double s : sums) {
            if (!(Math.abs(s - mean) <= SUM_TOLERANCE * mean * (1 + 1e-9))) {
                return false;
            }
        }
        return sd(sums) <= SUM_SD_SHARE * maxSd;
    }

    private static double[] column(double[][] x, int j) {
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i][j];
        }
        return c;
    }

    private static double sd(double[] v) {
        double m = Arrays.stream(v).average().orElse(0);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / v.length);
    }
}
