package io.transfab.workflow;

import io.transfab.data.AtomicOutput;
import io.transfab.data.DataException;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.Corruption;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.simulate.Heterogeneity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code simulate electrode}: lithium-ion electrode manufacturing data from the stochastic process model,
 * optionally from several labs and lots (see docs/simulator.md).
 */
public final class Simulate {
    private final Options options;

    private Simulate(Options options) {
        this.options = options;
    }

    public static Simulate of(Options options) {
        return new Simulate(options);
    }

    /**
     * The options of {@code simulate electrode}.
     *
     * @param out           the output CSV; "-" asks for the table on standard output (plain simulation only)
     * @param assign        round-robin or random
     * @param calibration   per-lab calibrations, COL:OFFSET_SD:GAIN_SD
     * @param operatorNoise per-row scatter, COL:SD
     * @param force         replace a CSV (and NAME.labs.json) that transfab did not write
     */
    public record Options(String chemistry, int rows, Path out, int labs, String assign, List<String> calibration,
            List<String> operatorNoise, int lots, double lotSd, boolean dryingProfile, Corruption corruption,
            boolean force, long seed) {
        public Options {
            Objects.requireNonNull(chemistry, "--chemistry");
            Objects.requireNonNull(out, "--out");
            Objects.requireNonNull(assign, "--assign");
            calibration = List.copyOf(calibration);
            operatorNoise = List.copyOf(operatorNoise);
            corruption = corruption == null ? Corruption.none() : corruption;
            if (rows < 1) {
                throw DataException.option("--rows must be >= 1; got " + rows);
            }
        }
    }

    /**
     * The simulated table and the summary the CLI prints.
     *
     * @param toStandardOutput the table is not written: it goes to standard output (and the summary to standard error)
     */
    public record Result(Table table, boolean toStandardOutput, List<String> summary) {
        public Result {
            summary = List.copyOf(summary);
        }
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        long seed = o.seed();
        int rows = o.rows();
        Path out = o.out();
        OutputTarget csv = CsvTarget.check(out, OutputKind.SIMULATED_TABLE, o.force());
        ElectrodeSimulator sim = ElectrodeSimulator.of(Chemistry.fromCliName(o.chemistry()));
        Heterogeneity h = new Heterogeneity(o.labs(), Heterogeneity.Assignment.fromCliName(o.assign()),
                o.calibration().stream().map(Heterogeneity.Calibration::parse).toList(),
                o.operatorNoise().stream().map(Heterogeneity.OperatorNoise::parse).toList(), o.lots(), o.lotSd());
        if (!h.isNone() && csv == null) {
            throw DataException.option("--out - cannot take the drawn calibrations and lots (written "
                    + "beside the CSV as NAME.labs.json); pass a file name");
        }
        OutputTarget record = h.isNone() ? null : Outputs.file(sidecar(out), OutputKind.LAB_RECORD, o.force());
        cancellation.check();
        if (h.isNone()) {
            // the plain simulator, untouched: the same bytes as before heterogeneity existed
            Table t = o.dryingProfile() ? sim.simulateWithDryingProfiles(rows, seed) : sim.simulate(rows, seed);
            t = Corruptions.apply(o.corruption(), t, seed, listener::log);
            List<String> summary = new ArrayList<>(csv == null ? List.of() : Outputs.writeCsv(csv, t));
            summary.add(String.format("Simulated %d %s electrodes (%d columns) -> %s", rows, o.chemistry(),
                    t.columnCount(), CsvTarget.name(out)));
            return new Result(t, csv == null, summary);
        }
        if (o.dryingProfile() && o.lots() > 0) {
            throw DataException.option("--drying-profile cannot be combined with --lots yet; use --labs, "
                    + "--calibration and --operator-noise with it");
        }
        Heterogeneity.Result r = o.dryingProfile() ? h.apply(sim.simulateWithDryingProfiles(rows, seed), seed)
                : h.simulate(sim, rows, seed);
        Table t = Corruptions.apply(o.corruption(), r.table(), seed, listener::info);
        List<String> summary = new ArrayList<>(Outputs.writeCsv(csv, t));
        if (AtomicOutput.writeFile(record, Json.toString(r.record()) + "\n")) {
            summary.add(record.replacedMessage());
        }
        summary.add(String.format("Simulated %d %s electrodes (%d columns) -> %s", rows, o.chemistry(),
                r.table().columnCount(), out));
        for (Heterogeneity.Lab lab : r.record().labs()) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-6s %5d rows", lab.name(),
                    lab.rows()));
            for (Heterogeneity.ColumnCalibration c : lab.calibrations()) {
                sb.append(String.format(Locale.ROOT, "  %s: gain %.4f offset %+.4g", c.column(), c.gain(),
                        c.offset()));
            }
            summary.add(sb.toString());
        }
        for (Heterogeneity.Lot lot : r.record().lots()) {
            summary.add(String.format(Locale.ROOT, "  %-6s %5d rows  capacity x%.3f  compaction x%.3f  binder viscosity "
                    + "x%.3f  particle conductivity x%.3f", lot.lot().name(), lot.rows(),
                    lot.lot().capacityFactor(), lot.lot().compactionFactor(), lot.lot().binderViscosityFactor(),
                    lot.lot().conductivityFactor()));
        }
        summary.add("Drawn calibrations and lots -> " + record.path());
        return new Result(t, false, summary);
    }

    /** {@code data.csv -> data.labs.json} beside it. */
    static Path sidecar(Path csv) {
        String name = csv.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return csv.resolveSibling(stem + ".labs.json");
    }
}
