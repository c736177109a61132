package io.transfab.cli;

import io.transfab.workflow.CsvTarget;
import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.simulate.Heterogeneity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Stochastic physics-based generators of source data. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Generate manufacturing data with a "
        + "stochastic physics-based process model.", subcommands = {SimulateCommand.Electrode.class, SimulateGdlCommand.class})
final class SimulateCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose what to simulate: electrode or gdl");
    }

    /** Slurry -> coating -> drying -> calendering of a lithium-ion electrode. */
    @Command(name = "electrode", mixinStandardHelpOptions = true, description = "Lithium-ion electrode manufacturing:"
            + " slurry, coating, drying, calendering (see docs/simulator.md).")
    static final class Electrode implements Callable<Integer> {
        @Option(names = "--chemistry", defaultValue = "nmc", description = "nmc, lfp, graphite or si-graphite "
                + "(default: ${DEFAULT-VALUE}).")
        String chemistry;

        @Option(names = "--rows", defaultValue = "2000", description = "Experiments to simulate (default: "
                + "${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output CSV; - writes it to "
                + "standard output (the summary then goes to standard error).")
        Path out;

        @Option(names = "--labs", defaultValue = "0", paramLabel = "N", description = "Labs that made the rows: "
                + "adds a column 'lab' (lab1..labN) (default: ${DEFAULT-VALUE}, no lab column).")
        int labs;

        @Option(names = "--assign", defaultValue = "round-robin", description = "How rows go to labs and lots: "
                + "round-robin (labs in turn, lots in consecutive blocks) or random (default: ${DEFAULT-VALUE}).")
        String assign;

        @Option(names = "--calibration", split = ",", paramLabel = "COL:OFFSET_SD:GAIN_SD", description = "Per-lab "
                + "calibration of a column: each lab draws offset ~ N(0, OFFSET_SD) and gain ~ 1 + N(0, GAIN_SD) and "
                + "records gain * true + offset. Works on properties and on set parameters (e.g. "
                + "drying_temp_c:3:0.01). Needs --labs.")
        List<String> calibration = new ArrayList<>();

        @Option(names = "--operator-noise", split = ",", paramLabel = "COL:SD", description = "Extra per-row "
                + "Gaussian scatter of a column, SD in the column's unit (e.g. porosity:0.005).")
        List<String> operatorNoise = new ArrayList<>();

        @Option(names = "--lots", defaultValue = "0", paramLabel = "N", description = "Raw-material lots: adds a "
                + "column 'lot'; each lot changes capacity, compaction resistance, binder viscosity and particle "
                + "conductivity through the physics (default: ${DEFAULT-VALUE}).")
        int lots;

        @Option(names = "--lot-sd", defaultValue = "0.03", description = "Relative SD of each lot-dependent "
                + "material constant (default: ${DEFAULT-VALUE}).")
        double lotSd;

        @Option(names = "--drying-profile", description = "Dry every run along its own multi-zone dryer profile "
                + "(mean zone temperature = drying_temp_c) and write the film temperature series as column "
                + "drying_profile_c, [v1;...;v32]; the profile shape affects binder migration (see docs/simulator.md).")
        boolean dryingProfile;

        @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Realistic corruption (docs/simulator.md):%n")
        CorruptionOptions corruptionOptions;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            io.transfab.simulate.Corruption corruption = corruptionOptions == null
                    ? io.transfab.simulate.Corruption.none() : corruptionOptions.corruption();
            if (rows < 1) {
                throw DataException.option("--rows must be >= 1; got " + rows);
            }
            CsvTarget.check(out, List.of());
            ElectrodeSimulator sim = ElectrodeSimulator.of(Chemistry.fromCliName(chemistry));
            Heterogeneity h = new Heterogeneity(labs, Heterogeneity.Assignment.fromCliName(assign),
                    calibration.stream().map(Heterogeneity.Calibration::parse).toList(),
                    operatorNoise.stream().map(Heterogeneity.OperatorNoise::parse).toList(), lots, lotSd);
            if (h.isNone()) {
                // the plain simulator, untouched: the same bytes as before heterogeneity existed
                Table t = dryingProfile ? sim.simulateWithDryingProfiles(rows, common.seed)
                        : sim.simulate(rows, common.seed);
                t = CorruptionOptions.apply(corruption, t, common.seed, System.err);
                CsvOutput.write(t, out).printf("Simulated %d %s electrodes (%d columns) -> %s%n", rows, chemistry,
                        t.columnCount(), CsvTarget.name(out));
                return 0;
            }
            if (dryingProfile && lots > 0) {
                throw DataException.option("--drying-profile cannot be combined with --lots yet; use --labs, "
                        + "--calibration and --operator-noise with it");
            }
            Heterogeneity.Result r = dryingProfile ? h.apply(sim.simulateWithDryingProfiles(rows, common.seed),
                    common.seed) : h.simulate(sim, rows, common.seed);
            if (CsvTarget.isStandardOutput(out)) {
                throw io.transfab.data.DataException.option("--out - cannot take the drawn calibrations and lots (written "
                        + "beside the CSV as NAME.labs.json); pass a file name");
            }
            Path sidecar = sidecar(out);
            CsvWriter.write(CorruptionOptions.apply(corruption, r.table(), common.seed, System.out), out);
            AtomicOutput.writeString(sidecar, Json.toString(r.record()) + "\n");
            System.out.printf("Simulated %d %s electrodes (%d columns) -> %s%n", rows, chemistry,
                    r.table().columnCount(), out);
            for (Heterogeneity.Lab lab : r.record().labs()) {
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-6s %5d rows", lab.name(),
                        lab.rows()));
                for (Heterogeneity.ColumnCalibration c : lab.calibrations()) {
                    sb.append(String.format(Locale.ROOT, "  %s: gain %.4f offset %+.4g", c.column(), c.gain(),
                            c.offset()));
                }
                System.out.println(sb);
            }
            for (Heterogeneity.Lot lot : r.record().lots()) {
                System.out.printf(Locale.ROOT, "  %-6s %5d rows  capacity x%.3f  compaction x%.3f  binder viscosity "
                        + "x%.3f  particle conductivity x%.3f%n", lot.lot().name(), lot.rows(),
                        lot.lot().capacityFactor(), lot.lot().compactionFactor(), lot.lot().binderViscosityFactor(),
                        lot.lot().conductivityFactor());
            }
            System.out.println("Drawn calibrations and lots -> " + sidecar);
            return 0;
        }

        /** {@code data.csv -> data.labs.json} beside it. */
        static Path sidecar(Path csv) {
            String name = csv.getFileName().toString();
            String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
            return csv.resolveSibling(stem + ".labs.json");
        }
    }
}
