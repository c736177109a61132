package io.transfab.cli;

import io.transfab.data.CsvWriter;
import io.transfab.data.Table;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import java.nio.file.Path;
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

        @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output CSV.")
        Path out;

        @Option(names = "--drying-profile", description = "Dry every run along its own multi-zone dryer profile "
                + "(mean zone temperature = drying_temp_c) and write the film temperature series as column "
                + "drying_profile_c, [v1;...;v32]; the profile shape affects binder migration (see docs/simulator.md).")
        boolean dryingProfile;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            if (rows < 1) {
                throw new IllegalArgumentException("--rows must be >= 1; got " + rows);
            }
            ElectrodeSimulator sim = ElectrodeSimulator.of(Chemistry.fromCliName(chemistry));
            Table t = dryingProfile ? sim.simulateWithDryingProfiles(rows, common.seed) : sim.simulate(rows, common.seed);
            CsvWriter.write(t, out);
            System.out.printf("Simulated %d %s electrodes (%d columns) -> %s%n", rows, chemistry, t.columnCount(), out);
            return 0;
        }
    }
}
