package io.transfab.simulate;

import io.transfab.data.CliNamed;
import io.transfab.data.DataException;
import io.transfab.data.Numbers;
import io.transfab.data.Table;
import io.transfab.model.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Emulates the heterogeneity of real manufacturing data on a simulated table: several labs whose
 * instruments are calibrated differently (per lab and column an offset and a gain,
 * {@code recorded = gain * true + offset}), operators who add scatter, and raw-material lots that
 * change material constants through the physics ({@link MaterialLot}). The lab and lot of each row
 * are added as the domain columns {@value #LAB_COLUMN} and {@value #LOT_COLUMN}; {@link Result#record()}
 * holds every offset, gain and lot factor actually drawn, so users can check what a method recovers.
 *
 * <p>Calibration applies to any numeric column: to a property (the gauge reads wrong) or to a set
 * parameter such as {@code drying_temp_c}, where the physics ran at the true value and the lab's
 * thermocouple records {@code gain * true + offset}. Recorded values keep 5 significant digits.
 *
 * @param labs          number of labs; 0 adds no {@value #LAB_COLUMN} column
 * @param assignment    how rows are given to labs (lots are used up one after the other, or drawn at random)
 * @param calibrations  columns with lab-specific calibration (needs labs &gt;= 1)
 * @param operatorNoise columns with extra per-row Gaussian scatter, in the column's unit
 * @param lots          number of material lots; 0 adds no {@value #LOT_COLUMN} column
 * @param lotSd         relative standard deviation of each lot-dependent material constant
 */
public record Heterogeneity(int labs, Assignment assignment, List<Calibration> calibrations,
        List<OperatorNoise> operatorNoise, int lots, double lotSd) {
    /** Name of the lab domain column. */
    public static final String LAB_COLUMN = "lab";
    /** Name of the material-lot domain column. */
    public static final String LOT_COLUMN = "lot";
    /** Default relative standard deviation of lot-dependent material constants (a few percent). */
    public static final double DEFAULT_LOT_SD = 0.03;

    /** How rows are given to labs and lots. */
    public enum Assignment implements CliNamed {
        /** Row i goes to lab i mod labs; lots are consumed in blocks of consecutive rows. */
        ROUND_ROBIN("round-robin"),
        /** Each row draws its lab and its lot uniformly at random. */
        RANDOM("random");

        private final String cliName;

        Assignment(String cliName) {
            this.cliName = cliName;
        }

        @Override
        public String cliName() {
            return cliName;
        }

        public static Assignment fromCliName(String name) {
            return CliNamed.parse(Assignment.class, name, "assignment");
        }
    }

    /** Lab calibration of one column: offset ~ N(0, offsetSd), gain ~ 1 + N(0, gainSd) per lab. */
    public record Calibration(String column, double offsetSd, double gainSd) {
        public Calibration {
            requireColumnName(column, "calibration");
            nonNegative("calibration offset sd of " + column, offsetSd);
            nonNegative("calibration gain sd of " + column, gainSd);
        }

        /** Parses {@code COL:OFFSET_SD:GAIN_SD}, e.g. {@code drying_temp_c:3:0.01}. */
        public static Calibration parse(String spec) {
            String[] p = parts(spec, 3, "--calibration COL:OFFSET_SD:GAIN_SD");
            return new Calibration(p[0], number(p[1], spec), number(p[2], spec));
        }
    }

    /** Extra scatter on one column: each row adds N(0, sd), in the column's unit. */
    public record OperatorNoise(String column, double sd) {
        public OperatorNoise {
            requireColumnName(column, "operator noise");
            nonNegative("operator noise sd of " + column, sd);
        }

        /** Parses {@code COL:SD}, e.g. {@code porosity:0.005}. */
        public static OperatorNoise parse(String spec) {
            String[] p = parts(spec, 2, "--operator-noise COL:SD");
            return new OperatorNoise(p[0], number(p[1], spec));
        }
    }

    /** The calibration one lab drew for one column. */
    public record ColumnCalibration(String column, double offset, double gain) {
    }

    /** One lab: its name, its rows and its calibration. */
    public record Lab(String name, int rows, List<ColumnCalibration> calibrations) {
        public Lab {
            calibrations = List.copyOf(calibrations);
        }
    }

    /** One material lot and how many rows used it. */
    public record Lot(MaterialLot lot, int rows) {
    }

    /** What was drawn, for the sidecar JSON: seed, assignment, labs with calibrations, operator noise, lots. */
    public record Drawn(long seed, String assignment, List<Lab> labs, List<OperatorNoise> operatorNoise,
            double lotSd, List<Lot> lots) {
        public Drawn {
            labs = List.copyOf(labs);
            operatorNoise = List.copyOf(operatorNoise);
            lots = List.copyOf(lots);
        }
    }

    /** The heterogeneous table and what was drawn to make it. */
    public record Result(Table table, Drawn record) {
    }

    public Heterogeneity {
        if (labs < 0) {
            throw DataException.option("--labs must be >= 0; got " + labs);
        }
        if (lots < 0) {
            throw DataException.option("--lots must be >= 0; got " + lots);
        }
        if (assignment == null) {
            throw new IllegalArgumentException("assignment is required");
        }
        calibrations = List.copyOf(calibrations);
        operatorNoise = List.copyOf(operatorNoise);
        if (!calibrations.isEmpty() && labs < 1) {
            throw DataException.option("--calibration needs labs to calibrate: add --labs N");
        }
        if (!(lotSd >= 0 && lotSd < 1.0 / ElectrodeSimulator.TRUNCATION)) {
            throw DataException.option("--lot-sd must be in [0, " + 1.0 / ElectrodeSimulator.TRUNCATION
                    + "); got " + lotSd);
        }
    }

    /** No heterogeneity: the simulator's table unchanged. */
    public static Heterogeneity none() {
        return new Heterogeneity(0, Assignment.ROUND_ROBIN, List.of(), List.of(), 0, DEFAULT_LOT_SD);
    }

    /** Whether this adds nothing (no labs, no operator noise, no lots). */
    public boolean isNone() {
        return labs == 0 && operatorNoise.isEmpty() && lots == 0;
    }

    /**
     * Simulates {@code rows} electrodes with {@code seed} (the same design and noise as
     * {@link ElectrodeSimulator#simulate(int, long)}), each row made with the material of its lot, then
     * applies labs, calibration and operator noise. Without options the table equals the simulator's.
     */
    public Result simulate(ElectrodeSimulator simulator, int rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        Table table;
        List<Lot> lotsUsed = new ArrayList<>();
        if (lots == 0) {
            table = simulator.simulate(rows, seed);
        } else {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "heterogeneity-lots"));
            List<ElectrodeSimulator> sims = new ArrayList<>();
            List<MaterialLot> drawn = new ArrayList<>();
            for (int k = 0; k < lots; k++) {
                MaterialLot lot = MaterialLot.draw(LOT_COLUMN + (k + 1), lotSd, rng);
                drawn.add(lot);
                sims.add(simulator.withMaterials(lot.apply(simulator.materials())));
            }
            int[] lotOf = assign(rows, lots, false, rng);
            table = simulator.simulate(rows, seed, i -> sims.get(lotOf[i]));
            table = table.withColumns(List.of(LOT_COLUMN), labels(lotOf, LOT_COLUMN));
            int[] counts = counts(lotOf, lots);
            for (int k = 0; k < lots; k++) {
                lotsUsed.add(new Lot(drawn.get(k), counts[k]));
            }
        }
        Result r = applyDomains(table, seed);
        Drawn d = r.record();
        return new Result(r.table(), new Drawn(d.seed(), d.assignment(), d.labs(), d.operatorNoise(), lotSd,
                lotsUsed));
    }

    /**
     * Applies labs, calibration and operator noise to any simulated table (electrode, or another
     * generator); material lots act through a simulator's physics and so need {@link #simulate}.
     *
     * @throws IllegalArgumentException if lots are asked for, or a column is missing or the table
     *         already has a {@value #LAB_COLUMN} column
     * @throws DataException if a calibrated or noisy column holds a cell that is no number
     */
    public Result apply(Table table, long seed) {
        if (lots > 0) {
            throw DataException.option("material lots act through the simulator's physics; "
                    + "use Heterogeneity.simulate with the simulator");
        }
        return applyDomains(table, seed);
    }

    private Result applyDomains(Table table, long seed) {
        int[] calCols = columns(table, calibrations.stream().map(Calibration::column).toList(), "--calibration");
        int[] noiseCols = columns(table, operatorNoise.stream().map(OperatorNoise::column).toList(),
                "--operator-noise");
        if (labs > 0 && table.has(LAB_COLUMN)) {
            throw DataException.of(table.source(), "already has a '" + LAB_COLUMN + "' column");
        }
        int n = table.rowCount();
        // recorded values of the touched columns, by column index; written back once, rounded
        Map<Integer, double[]> touched = new TreeMap<>();
        for (int c : concat(calCols, noiseCols)) {
            double[] v = new double[n];
            for (int r = 0; r < n; r++) {
                v[r] = value(table, r, c);
            }
            touched.put(c, v);
        }
        List<Lab> labList = new ArrayList<>();
        int[] labOf = null;
        if (labs > 0) {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "heterogeneity-labs"));
            double[][] offset = new double[labs][calibrations.size()];
            double[][] gain = new double[labs][calibrations.size()];
            for (int l = 0; l < labs; l++) {
                for (int c = 0; c < calibrations.size(); c++) {
                    offset[l][c] = calibrations.get(c).offsetSd() * rng.nextGaussian();
                    gain[l][c] = 1.0 + calibrations.get(c).gainSd() * rng.nextGaussian();
                }
            }
            labOf = assign(n, labs, true, rng);
            for (int c = 0; c < calCols.length; c++) {
                double[] v = touched.get(calCols[c]);
                for (int r = 0; r < n; r++) {
                    v[r] = gain[labOf[r]][c] * v[r] + offset[labOf[r]][c];
                }
            }
            int[] counts = counts(labOf, labs);
            for (int l = 0; l < labs; l++) {
                List<ColumnCalibration> cc = new ArrayList<>();
                for (int c = 0; c < calibrations.size(); c++) {
                    cc.add(new ColumnCalibration(calibrations.get(c).column(), offset[l][c], gain[l][c]));
                }
                labList.add(new Lab(LAB_COLUMN + (l + 1), counts[l], cc));
            }
        }
        SplittableRandom noise = new SplittableRandom(Seeds.derive(seed, "heterogeneity-operators"));
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < noiseCols.length; c++) {
                touched.get(noiseCols[c])[r] += operatorNoise.get(c).sd() * noise.nextGaussian();
            }
        }
        List<List<String>> rows = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            List<String> row = new ArrayList<>(table.row(r));
            for (var e : touched.entrySet()) {
                row.set(e.getKey(), Numbers.format(ElectrodeSimulator.round(e.getValue()[r])));
            }
            if (labOf != null) {
                row.add(LAB_COLUMN + (labOf[r] + 1));
            }
            rows.add(row);
        }
        List<String> names = new ArrayList<>(table.names());
        List<String> units = new ArrayList<>(table.units());
        if (labOf != null) {
            names.add(LAB_COLUMN);
            units.add("");
        }
        return new Result(Table.of(table.source(), names, units, rows),
                new Drawn(seed, assignment.cliName(), labList, operatorNoise, lotSd, List.of()));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Row -> domain index: round robin, consecutive blocks (lots are used up in turn), or uniform draws. */
    private int[] assign(int n, int domains, boolean roundRobin, SplittableRandom rng) {
        int[] of = new int[n];
        for (int i = 0; i < n; i++) {
            if (assignment == Assignment.RANDOM) {
                of[i] = rng.nextInt(domains);
            } else {
                of[i] = roundRobin ? i % domains : (int) ((long) i * domains / n);
            }
        }
        return of;
    }

    private static int[] counts(int[] of, int domains) {
        int[] c = new int[domains];
        for (int d : of) {
            c[d]++;
        }
        return c;
    }

    private static List<List<String>> labels(int[] of, String prefix) {
        List<List<String>> out = new ArrayList<>(of.length);
        for (int d : of) {
            out.add(List.of(prefix + (d + 1)));
        }
        return out;
    }

    private static int[] columns(Table table, List<String> names, String option) {
        int[] idx = new int[names.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = table.indexOf(names.get(k));
            if (idx[k] < 0) {
                throw DataException.option(option + ": " + table.source() + " has no column '" + names.get(k)
                        + "'; columns are: " + String.join(", ", table.names()));
            }
        }
        return idx;
    }

    private static double value(Table table, int row, int column) {
        double v = table.number(row, column);
        if (!Double.isFinite(v)) {
            throw DataException.at(table.source(), table.line(row), table.names().get(column),
                    "'" + table.cell(row, column) + "' is not a number; calibration and noise need numbers");
        }
        return v;
    }

    private static String[] parts(String spec, int count, String usage) {
        String[] p = spec == null ? new String[0] : spec.trim().split(":", -1);
        if (p.length != count) {
            throw DataException.option("expected " + usage + ", got '" + spec + "'");
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = p[i].trim();
        }
        return p;
    }

    private static double number(String text, String spec) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw DataException.option("'" + text + "' in '" + spec + "' is not a number");
        }
    }

    private static void requireColumnName(String column, String what) {
        if (column == null || column.isBlank()) {
            throw DataException.option(what + " needs a column name");
        }
    }

    private static void nonNegative(String what, double v) {
        if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw DataException.option(what + " must be a finite number >= 0, got "
                    + String.format(Locale.ROOT, "%s", v));
        }
    }
}
