package io.transfab.simulate;

import io.transfab.data.DataException;
import io.transfab.data.Numbers;
import io.transfab.data.Table;
import io.transfab.evaluate.Quantiles;
import io.transfab.model.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic corruption of simulated measurements, so that a simulated table looks like a lab's own
 * data rather than smooth physics (issue 13). Every effect is scaled by the column's own
 * population standard deviation {@code sd} on the clean table and applied, per corrupted column, in
 * this order (true response first, then what the instruments do to it):
 * <ol>
 * <li><b>threshold</b>: values below the column's {@code threshold}-quantile {@code q} read {@code q}
 *     (a response that only starts above a threshold, or a detection limit);</li>
 * <li><b>lab effects</b>: rows go to {@code labs} labs in turn (column {@value #LAB_COLUMN}); each lab
 *     draws, per column, a scale factor {@code g ~ 1 + N(0, labScaleSd)} and an offset
 *     {@code o ~ N(0, labOffsetSd * sd)} and records {@code mean + g (y - mean) + o};</li>
 * <li><b>signal-to-noise ratio</b>: Gaussian noise of SD {@code sd / snr};</li>
 * <li><b>heavy tails</b>: Student-t noise with {@code tailDof} degrees of freedom and scale
 *     {@code tailScale * sd} ({@code Z / sqrt(V / dof)}, {@code V ~ chi2(dof)});</li>
 * <li><b>gross outliers</b>: each row, with probability {@code outlierFraction}, is shifted by
 *     {@code +-outlierSize * sd} (sign at random).</li>
 * </ol>
 * All draws come from streams derived from the seed and the column name, so the same seed gives
 * the same table. {@link #none()} changes nothing. Recorded values keep 5 significant digits.
 *
 * @param columns         the corrupted columns (numeric)
 * @param threshold       quantile in (0, 1) of the threshold, or 0 for none
 * @param labs            labs (0 = no lab column)
 * @param labOffsetSd     SD of a lab's offset, in column SDs
 * @param labScaleSd      SD of a lab's scale factor around 1
 * @param snr             signal-to-noise ratio of the added Gaussian noise (SD ratio), or 0 for none
 * @param tailDof         degrees of freedom of the Student-t noise (&gt;= 1), or 0 for none
 * @param tailScale       scale of the Student-t noise, in column SDs
 * @param outlierFraction probability of a gross error per row and column, in [0, 0.5]
 * @param outlierSize     size of a gross error, in column SDs
 */
public record Corruption(List<String> columns, double threshold, int labs, double labOffsetSd, double labScaleSd,
        double snr, double tailDof, double tailScale, double outlierFraction, double outlierSize) {
    /** Name of the lab column added by lab effects. */
    public static final String LAB_COLUMN = Heterogeneity.LAB_COLUMN;

    /** What was drawn for one column: its clean SD, the threshold value, the labs' scales and offsets, the outlier rows. */
    public record ColumnDrawn(String column, double sd, double thresholdValue, List<Double> labScales,
            List<Double> labOffsets, List<Integer> outlierRows) {
        public ColumnDrawn {
            labScales = List.copyOf(labScales);
            labOffsets = List.copyOf(labOffsets);
            outlierRows = List.copyOf(outlierRows);
        }
    }

    /** The corrupted table and what was drawn to make it. */
    public record Result(Table table, long seed, List<ColumnDrawn> drawn) {
        public Result {
            drawn = List.copyOf(drawn);
        }
    }

    public Corruption {
        columns = List.copyOf(columns);
        if (!(threshold == 0 || (threshold > 0 && threshold < 1))) {
            throw DataException.option("--threshold must be a quantile in (0, 1), or 0 for none; got " + threshold);
        }
        if (labs < 0) {
            throw DataException.option("--lab-effects: labs must be >= 0; got " + labs);
        }
        finiteNonNegative("--lab-effects offset SD", labOffsetSd);
        finiteNonNegative("--lab-effects scale SD", labScaleSd);
        finiteNonNegative("--snr", snr);
        if (!(tailDof == 0 || (tailDof >= 1 && Double.isFinite(tailDof)))) {
            throw DataException.option("--heavy-tails degrees of freedom must be >= 1 (0 for none); got " + tailDof);
        }
        finiteNonNegative("--heavy-tails scale", tailScale);
        if (!(outlierFraction >= 0 && outlierFraction <= 0.5)) {
            throw DataException.option("--outliers fraction must be in [0, 0.5]; got " + outlierFraction);
        }
        finiteNonNegative("--outliers size", outlierSize);
        // the fields are not assigned yet inside the compact constructor: test the parameters
        if (!none(threshold, labs, snr, tailDof, tailScale, outlierFraction, outlierSize) && columns.isEmpty()) {
            throw DataException.option("--corrupt COLUMNS must name the columns to corrupt");
        }
    }

    /** No corruption. */
    public static Corruption none() {
        return new Corruption(List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Whether this changes nothing (no effect is switched on). */
    public boolean isNone() {
        return none(threshold, labs, snr, tailDof, tailScale, outlierFraction, outlierSize);
    }

    private static boolean none(double threshold, int labs, double snr, double tailDof, double tailScale,
            double outlierFraction, double outlierSize) {
        return threshold == 0 && labs == 0 && snr == 0 && (tailDof == 0 || tailScale == 0)
                && (outlierFraction == 0 || outlierSize == 0);
    }

    /**
     * The corrupted table: the corrupted columns rewritten, and with labs a {@value #LAB_COLUMN} column
     * (lab1..labN, round robin) appended.
     *
     * @throws DataException if a column is missing or holds a cell that is no number, or labs are asked
     *         for and the table already has a {@value #LAB_COLUMN} column
     */
    public Result apply(Table table, long seed) {
        if (isNone()) {
            return new Result(table, seed, List.of());
        }
        if (labs > 0 && table.has(LAB_COLUMN)) {
            throw DataException.of(table.source(), "already has a '" + LAB_COLUMN + "' column; --lab-effects adds "
                    + "its own (drop --labs or --lab-effects)");
        }
        int n = table.rowCount();
        List<List<String>> rows = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            rows.add(new ArrayList<>(table.row(r)));
        }
        List<ColumnDrawn> drawn = new ArrayList<>();
        for (String column : columns) {
            int c = table.indexOf(column);
            if (c < 0) {
                throw DataException.option("--corrupt: " + table.source() + " has no column '" + column
                        + "'; columns are: " + String.join(", ", table.names()));
            }
            double[] y = new double[n];
            for (int r = 0; r < n; r++) {
                y[r] = table.number(r, c);
                if (!Double.isFinite(y[r])) {
                    throw DataException.at(table.source(), table.line(r), column, "'" + table.cell(r, c)
                            + "' is not a number; corruption needs numbers");
                }
            }
            ColumnDrawn d = corrupt(column, y, seed);
            drawn.add(d);
            for (int r = 0; r < n; r++) {
                rows.get(r).set(c, Numbers.format(ElectrodeSimulator.round(y[r])));
            }
        }
        List<String> names = new ArrayList<>(table.names());
        List<String> units = new ArrayList<>(table.units());
        if (labs > 0) {
            names.add(LAB_COLUMN);
            units.add("");
            for (int r = 0; r < n; r++) {
                rows.get(r).add(LAB_COLUMN + (r % labs + 1));
            }
        }
        return new Result(Table.of(table.source(), names, units, rows), seed, drawn);
    }

    /** Corrupts {@code y} in place (the order of the class comment) and says what was drawn. */
    private ColumnDrawn corrupt(String column, double[] y, long seed) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : y) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / n);
        double floor = Double.NaN;
        if (threshold > 0) {
            floor = Quantiles.of(y, threshold);
            for (int r = 0; r < n; r++) {
                y[r] = Math.max(y[r], floor);
            }
        }
        List<Double> scales = new ArrayList<>();
        List<Double> offsets = new ArrayList<>();
        if (labs > 0) {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "corruption-labs-" + column));
            for (int l = 0; l < labs; l++) {
                scales.add(1.0 + labScaleSd * rng.nextGaussian());
                offsets.add(labOffsetSd * sd * rng.nextGaussian());
            }
            for (int r = 0; r < n; r++) {
                int l = r % labs;
                y[r] = mean + scales.get(l) * (y[r] - mean) + offsets.get(l);
            }
        }
        SplittableRandom noise = new SplittableRandom(Seeds.derive(seed, "corruption-noise-" + column));
        List<Integer> outliers = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (snr > 0) {
                y[r] += sd / snr * noise.nextGaussian();
            }
            if (tailDof > 0 && tailScale > 0) {
                y[r] += tailScale * sd * studentT(tailDof, noise);
            }
            if (outlierFraction > 0 && outlierSize > 0 && noise.nextDouble() < outlierFraction) {
                y[r] += (noise.nextBoolean() ? 1 : -1) * outlierSize * sd;
                outliers.add(r);
            }
        }
        return new ColumnDrawn(column, sd, floor, scales, offsets, outliers);
    }

    /** A Student-t draw {@code Z / sqrt(V / dof)}, {@code V = 2 Gamma(dof / 2)} ~ chi2(dof). */
    static double studentT(double dof, SplittableRandom rng) {
        double z = rng.nextGaussian();
        double v = 2 * gamma(dof / 2, rng);
        return z / Math.sqrt(v / dof);
    }

    /**
     * A Gamma(shape, 1) draw by Marsaglia &amp; Tsang (2000, "A simple method for generating gamma
     * variables"); shapes below 1 through {@code Gamma(shape + 1) * U^(1/shape)}.
     */
    static double gamma(double shape, SplittableRandom rng) {
        if (shape < 1) {
            return gamma(shape + 1, rng) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static void finiteNonNegative(String what, double v) {
        if (!(v >= 0 && Double.isFinite(v))) {
            throw DataException.option(what + " must be a finite number >= 0; got " + v);
        }
    }
}
