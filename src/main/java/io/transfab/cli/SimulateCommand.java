package io.transfab.cli;

import io.transfab.workflow.Cancellation;
import io.transfab.workflow.Simulate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        OutputOptions output;

        @Mixin
        CommonOptions common;

        /** The options record of the use case; the corruption options and --rows are checked here. */
        Simulate.Options options() {
            io.transfab.simulate.Corruption corruption = corruptionOptions == null
                    ? io.transfab.simulate.Corruption.none() : corruptionOptions.corruption();
            return new Simulate.Options(chemistry, rows, out, labs, assign, calibration, operatorNoise, lots, lotSd,
                    dryingProfile, corruption, output.force, common.seed);
        }

        @Override
        public Integer call() throws Exception {
            Simulate.Result result = Simulate.of(options()).run(CliListener.stderr(), Cancellation.none());
            PrintStream info = result.toStandardOutput() ? CsvOutput.writeToStandardOutput(result.table())
                    : System.out;
            result.summary().forEach(info::println);
            return 0;
        }
    }
}
