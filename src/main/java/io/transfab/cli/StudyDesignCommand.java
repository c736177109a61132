package io.transfab.cli;

import io.transfab.workflow.Cancellation;
import io.transfab.workflow.StudyDesign;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code study design}: learning curves of fine-tuning on the first N experiments of each design. */
@Command(name = "design", mixinStandardHelpOptions = true, sortOptions = false, description = "Learning curves "
        + "(target R2 after fine-tuning a base pre-trained on the source chemistry or GDL family on the first N "
        + "designed target "
        + "experiments) of random, LHS, D-optimal, extremes, inflection and informative designs, with a Wilcoxon "
        + "comparison against LHS per N (see docs/design.md).")
final class StudyDesignCommand implements Callable<Integer> {
    static final String ELECTRODE_PROPERTIES = StudyDesign.ELECTRODE_PROPERTIES;
    static final String GDL_PROPERTIES = StudyDesign.GDL_PROPERTIES;

    /** The learning-curve figure written into --out. */
    static final String FIGURE = StudyDesign.FIGURE;

    @Option(names = "--lab", defaultValue = "electrode", description = "Simulator of the study: electrode "
            + "(--source-chemistry -> --chemistry) or gdl (--source-family -> --family, tabular parameters, no "
            + "images) (default: ${DEFAULT-VALUE}).")
    String lab;

    @Option(names = "--source-family", defaultValue = "paper", description = "GDL family the base is pre-trained "
            + "on, with --lab gdl (default: ${DEFAULT-VALUE}).")
    String sourceFamily;

    @Option(names = "--family", defaultValue = "felt", description = "Target GDL family whose parameter ranges are "
            + "designed, with --lab gdl (default: ${DEFAULT-VALUE}).")
    String family;

    @Option(names = "--source-chemistry", defaultValue = "nmc", description = "Chemistry the base is pre-trained "
            + "on (default: ${DEFAULT-VALUE}).")
    String sourceChemistry;

    @Option(names = "--chemistry", defaultValue = "si-graphite", description = "Target chemistry whose process "
            + "window is designed (default: ${DEFAULT-VALUE}).")
    String chemistry;

    @Option(names = "--noise", defaultValue = "1", description = "Simulator noise level, 0-2 (default: "
            + "${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--properties", split = ",", description = "Properties pre-trained, fine-tuned and scored "
            + "(default: " + ELECTRODE_PROPERTIES + " for the electrode lab, " + GDL_PROPERTIES + " for gdl).")
    List<String> properties;


    @Option(names = "--sizes", split = ",", defaultValue = "6,12,18,24,30", paramLabel = "N", description = "Numbers "
            + "of target experiments (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--methods", split = ",", defaultValue = "random,lhs,dopt,extremes,inflection,informative",
            description = "Designs compared: random, lhs, dopt, extremes, inflection, informative, "
                    + "informative-1/2-extremes, informative-1/2-bends (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--seeds", defaultValue = "10", paramLabel = "N", description = "Repetitions (default: "
            + "${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--source-rows", defaultValue = "400", description = "Source experiments (default: "
            + "${DEFAULT-VALUE}).")
    int sourceRows;

    @Option(names = "--test-rows", defaultValue = "300", description = "Target test points (default: "
            + "${DEFAULT-VALUE}).")
    int testRows;

    @Option(names = "--ensemble", defaultValue = "3", description = "Members of the base ensemble (default: "
            + "${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--epochs", defaultValue = "100", description = "Fine-tuning epochs; pre-training uses five "
            + "times as many (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", defaultValue = "transfab-out/study-design", paramLabel = "DIR", description = "Output "
            + "directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    /** The options record of the use case; --lab is checked here. */
    StudyDesign.Options options() {
        return new StudyDesign.Options(lab, sourceFamily, family, sourceChemistry, chemistry, noise, properties, sizes,
                methods, seeds, sourceRows, testRows, ensemble, epochs, out, output.force, common.seed);
    }

    @Override
    public Integer call() throws Exception {
        CliListener listener = common.listener();
        StudyDesign.Result result = StudyDesign.of(options()).run(listener, Cancellation.none());
        listener.finish();
        result.summary().forEach(System.out::println);
        return 0;
    }
}
