package io.transfab.cli;

import io.transfab.workflow.Cancellation;
import io.transfab.workflow.Demo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job on embedded (simulated) data: NMC cathode source, silicon-graphite anode target,
 * transfer learning against a from-scratch network and a Gaussian process on the same rows.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulate an NMC source (2000 rows) and a silicon-graphite target (20 training rows + a test "
                + "set), pre-train, fine-tune (auto), train a from-scratch MLP and a GP on the same 20 rows, and "
                + "write predictions, metrics.json and report.html.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "transfab-out/demo", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--source-rows", defaultValue = "2000", description = "Simulated source rows (default: "
            + "${DEFAULT-VALUE}).")
    int sourceRows;

    @Option(names = "--target-rows", defaultValue = "20", description = "Target training rows (default: "
            + "${DEFAULT-VALUE}).")
    int targetRows;

    @Option(names = "--test-rows", defaultValue = "300", description = "Target test rows (default: "
            + "${DEFAULT-VALUE}).")
    int testRows;

    @Option(names = "--ensemble", defaultValue = "5", description = "Networks per ensemble (default: "
            + "${DEFAULT-VALUE}).")
    int ensemble;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    /** The options record of the use case; the sizes are checked here. */
    Demo.Options options() {
        return new Demo.Options(out, sourceRows, targetRows, testRows, ensemble, output.force, common.seed);
    }

    @Override
    public Integer call() throws Exception {
        CliListener listener = common.listener();
        Demo.of(options()).run(listener, Cancellation.none());
        listener.finish();
        return 0;
    }
}
