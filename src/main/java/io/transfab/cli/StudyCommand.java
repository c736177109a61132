package io.transfab.cli;

import io.transfab.design.ActiveLearningOptions;
import io.transfab.design.InverseDesignOptions;
import io.transfab.workflow.Cancellation;
import io.transfab.workflow.Study;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Design studies with the simulator as the lab: active learning and inverse design (see docs/design.md). */
@Command(name = "study", mixinStandardHelpOptions = true, description = "Design studies with the simulator as "
        + "the lab: active-learning (learning curves against random and one-shot LHS) and inverse-design (hit "
        + "rates of optimize against random search); see docs/design.md.",
        subcommands = {StudyCommand.ActiveLearning.class, StudyCommand.InverseDesign.class,
                StudyDesignCommand.class, StudyAccuracyCommand.class})
final class StudyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "choose a study: active-learning, inverse-design or design");
    }

    /** Options both studies take: the simulated lab, its parameter space, repetitions and the output folder. */
    static final class LabOptions {
        @Option(names = "--chemistry", defaultValue = "nmc", description = "Simulated chemistry: nmc, lfp, "
                + "graphite, si-graphite (default: ${DEFAULT-VALUE}).")
        String chemistry;

        @Option(names = "--space", paramLabel = "YAML", description = "Parameter space over the simulator's seven "
                + "parameters (default: the chemistry's process window, written to OUT/space.yaml).")
        Path space;

        @Option(names = "--noise", defaultValue = "1", description = "Simulator noise level, 0-2 (default: "
                + "${DEFAULT-VALUE}).")
        double noise;

        @Option(names = "--seeds", defaultValue = "10", paramLabel = "N", description = "Repetitions (default: "
                + "${DEFAULT-VALUE}).")
        int seeds;

        /** The lab as the use cases take it; --chemistry is checked here. */
        Study.Lab settings() {
            return new Study.Lab(chemistry, space, noise, seeds);
        }
    }

    /** Runs a study use case with the command's listener. */
    @FunctionalInterface
    interface StudyRun {
        void run(CliListener listener) throws Exception;
    }

    /** What both subcommands do once their options are validated: run the use case under a progress bar. */
    static int runStudy(CommonOptions common, StudyRun study) throws Exception {
        CliListener listener = common.listener();
        study.run(listener);
        listener.finish();
        return 0;
    }

    @Command(name = "active-learning", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Learning curves (test R2 against experiments) of active learning (suggest --goal "
                    + "explore: integrated variance reduction), random sampling and one-shot maximin LHS, averaged "
                    + "over seeds.")
    static final class ActiveLearning implements Callable<Integer> {
        @Mixin
        LabOptions lab;

        @Option(names = "--properties", split = ",", defaultValue = "density_g_cm3", description = "Properties "
                + "scored, comma-separated (default: ${DEFAULT-VALUE}).")
        List<String> properties;

        @Option(names = "--initial", defaultValue = "8", description = "Designed experiments to start from "
                + "(default: ${DEFAULT-VALUE}).")
        int initial;

        @Option(names = "--batch", defaultValue = "4", description = "Experiments per round (default: "
                + "${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--rounds", defaultValue = "10", description = "Rounds (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--test-rows", defaultValue = "500", description = "Fixed test set size (default: "
                + "${DEFAULT-VALUE}).")
        int testRows;

        @Option(names = "--noisy-test", description = "Score against one noisy measurement per test point "
                + "(default: the noise-free simulator values).")
        boolean noisyTest;

        @Option(names = "--target-r2", defaultValue = "0.98", description = "R2 to reach (default: "
                + "${DEFAULT-VALUE}).")
        double targetR2;

        @Option(names = "--compare-max-std", description = "Also run active learning with suggest --goal "
                + "explore:max-std (largest predictive std) beside the default integrated variance rule.")
        boolean compareMaxStd;

        @Option(names = "--out", defaultValue = "transfab-out/study-active-learning", paramLabel = "DIR",
                description = "Output directory (default: ${DEFAULT-VALUE}).")
        Path out;

        @Mixin
        OutputOptions output;

        @Mixin
        CommonOptions common;

        @Mixin
        ExecutorOptions executor;

        @Override
        public Integer call() throws Exception {
            ActiveLearningOptions o = new ActiveLearningOptions(properties, initial, batch, rounds, lab.seeds,
                    testRows, noisyTest, targetR2, compareMaxStd, common.seed);
            Study.ActiveLearning options = new Study.ActiveLearning(lab.settings(), o, out, output.force,
                    executor.study());
            return runStudy(common, l -> Study.activeLearning(options, l, Cancellation.none()));
        }
    }

    @Command(name = "inverse-design", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Hit rates of optimize --goal target:Y=v against random search with the same budget.")
    static final class InverseDesign implements Callable<Integer> {
        @Mixin
        LabOptions lab;

        @Option(names = "--property", defaultValue = "density_g_cm3", description = "Property to hit (default: "
                + "${DEFAULT-VALUE}).")
        String property;

        @Option(names = "--targets", split = ",", paramLabel = "V", description = "Requested values, "
                + "comma-separated (default: the 10/30/50/70/90 %% quantiles of the property over the space).")
        List<Double> targets = List.of();

        @Option(names = "--train-runs", defaultValue = "16", description = "LHS experiments the model is trained "
                + "on (default: ${DEFAULT-VALUE}).")
        int trainRuns;

        @Option(names = "--proposals", defaultValue = "4", description = "Parameter sets proposed per request "
                + "(default: ${DEFAULT-VALUE}).")
        int proposals;

        @Option(names = "--tolerance", description = "Hit tolerance in the property's unit (default: twice the "
                + "replicate standard deviation at the centre of the space).")
        Double tolerance;

        @Option(names = "--out", defaultValue = "transfab-out/study-inverse-design", paramLabel = "DIR",
                description = "Output directory (default: ${DEFAULT-VALUE}).")
        Path out;

        @Mixin
        OutputOptions output;

        @Mixin
        CommonOptions common;

        @Mixin
        ExecutorOptions executor;

        @Override
        public Integer call() throws Exception {
            InverseDesignOptions o = new InverseDesignOptions(property, targets, trainRuns, proposals, lab.seeds,
                    tolerance == null ? Double.NaN : tolerance, common.seed);
            Study.InverseDesign options = new Study.InverseDesign(lab.settings(), o, out, output.force,
                    executor.study());
            return runStudy(common, l -> Study.inverseDesign(options, l, Cancellation.none()));
        }
    }
}
