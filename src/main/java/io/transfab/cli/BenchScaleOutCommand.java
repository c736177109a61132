package io.transfab.cli;

import io.transfab.assess.Method;
import io.transfab.workflow.BenchScaleOut;
import io.transfab.workflow.Cancellation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code transfab bench scale-out}: the scale-out table of docs/scale-out.md (needs the transfab-spark module). */
@Command(name = "scale-out", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time the same assess (sizes x draws x methods plus a k-fold resampling of the target) on "
                + "local threads (2), Spark local[2] and a loopback standalone Spark cluster with 1 and 2 executors "
                + "of one core, and project the wall time for 8, 32 and 128 executor cores (docs/scale-out.md). "
                + "Needs the transfab-spark module; writes scale-out.md and scale-out.json.")
final class BenchScaleOutCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "5,10,20", description = "Target sizes (default: "
            + "${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--draws", defaultValue = "10", description = "Draws per size (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--methods", split = ",", defaultValue = "ridge,gp,mlp,full", description = "Methods "
            + "(default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--source-rows", defaultValue = "300", description = "Simulated NMC source rows; 0 for none "
            + "(then only methods without transfer) (default: ${DEFAULT-VALUE}).")
    int sourceRows;

    @Option(names = "--target-rows", defaultValue = "60", description = "Simulated silicon-graphite target rows "
            + "(default: ${DEFAULT-VALUE}).")
    int targetRows;

    @Option(names = "--folds", defaultValue = "5", description = "Folds of the resampling (default: "
            + "${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--out", defaultValue = "transfab-out/bench-scale-out", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        BenchScaleOut.Options o = new BenchScaleOut.Options(sizes, draws, methods.stream().map(Method::fromCliName)
                .toList(), sourceRows, targetRows, folds, common.seed, out, output.force);
        CliListener listener = common.listener();
        BenchScaleOut.run(o, listener, Cancellation.none());
        listener.finish();
        return 0;
    }
}
