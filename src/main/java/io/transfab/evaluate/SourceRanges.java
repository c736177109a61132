package io.transfab.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The range [min, max] of every encoded input in the rows a model was trained on, stored with
 * the model so that later tables can be checked against it (does the target lie inside what the
 * source covers?) without the source rows at hand.
 */
public record SourceRanges(List<String> names, double[] min, double[] max) {
    public SourceRanges {
        names = List.copyOf(names);
        min = min.clone();
        max = max.clone();
        if (min.length != names.size() || max.length != names.size()) {
            throw new IllegalArgumentException("one min and max per name");
        }
    }

    @Override
    public double[] min() {
        return min.clone();
    }

    @Override
    public double[] max() {
        return max.clone();
    }

    /** Share of rows outside the range per column, and of rows outside in at least one column. */
    public record Coverage(double[] fractionOutside, double fractionOutsideSupport) {
        public Coverage {
            fractionOutside = fractionOutside.clone();
        }

        @Override
        public double[] fractionOutside() {
            return fractionOutside.clone();
        }
    }

    public static SourceRanges of(List<String> names, double[][] x) {
        int d = names.size();
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                lo[j] = Math.min(lo[j], row[j]);
                hi[j] = Math.max(hi[j], row[j]);
            }
        }
        return new SourceRanges(names, lo, hi);
    }

    public Coverage coverage(double[][] target) {
        int d = names.size();
        int[] outside = new int[d];
        int outsideRows = 0;
        for (double[] row : target) {
            boolean any = false;
            for (int j = 0; j < d; j++) {
                double tol = 1e-9 * Math.max(1, Math.max(Math.abs(min[j]), Math.abs(max[j])));
                if (row[j] < min[j] - tol || row[j] > max[j] + tol) {
                    outside[j]++;
                    any = true;
                }
            }
            outsideRows += any ? 1 : 0;
        }
        double[] frac = new double[d];
        for (int j = 0; j < d; j++) {
            frac[j] = outside[j] / (double) target.length;
        }
        return new Coverage(frac, outsideRows / (double) target.length);
    }

    /** The warning for a coverage, when more than {@link ShiftDiagnostics#SUPPORT_WARNING} of the rows lie outside. */
    public Optional<String> warning(Coverage c) {
        if (!(c.fractionOutsideSupport() > ShiftDiagnostics.SUPPORT_WARNING)) {
            return Optional.empty();
        }
        List<String> far = new ArrayList<>();
        double[] f = c.fractionOutside();
        for (int j = 0; j < f.length; j++) {
            if (f[j] > ShiftDiagnostics.SUPPORT_WARNING) {
                far.add(names.get(j) + String.format(Locale.ROOT, " (%.0f %%)", 100 * f[j]));
            }
        }
        return Optional.of(String.format(Locale.ROOT, "%.0f %% of the target rows lie outside the source's range in "
                + "at least one parameter%s: transfer relies on extrapolation there and may hurt; compare with "
                + "training from scratch (transfab assess)", 100 * c.fractionOutsideSupport(),
                far.isEmpty() ? "" : " (mostly " + String.join(", ", far) + ")"));
    }

    /** Console lines: the parameters with target rows outside, and the warning if any. */
    public String describe(Coverage c) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Coverage: %.0f %% of the target rows lie "
                + "outside the pre-training data's range in at least one parameter", 100 * c.fractionOutsideSupport()));
        double[] f = c.fractionOutside();
        for (int j = 0; j < f.length; j++) {
            if (f[j] > 0) {
                sb.append(String.format(Locale.ROOT, "%n  %-26s source [%.4g, %.4g]: %.0f %% of target rows outside",
                        names.get(j), min[j], max[j], 100 * f[j]));
            }
        }
        warning(c).ifPresent(w -> sb.append("\n  warning: ").append(w));
        return sb.toString();
    }
}
