package io.transfab.cli;

import io.transfab.assess.AssessmentReport;
import io.transfab.assess.AssessmentRun;
import io.transfab.data.AtomicOutput;
import io.transfab.data.DataException;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
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

    @Override
    public Integer call() throws Exception {
        if (sourceRows < 50 || targetRows < 5 || testRows < 5 || ensemble < 1) {
            throw DataException.option("demo needs --source-rows >= 50, --target-rows >= 5, --test-rows >= 5 "
                    + "and --ensemble >= 1");
        }
        OutputTarget target = output.directory(out, OutputKind.DEMO);
        long seed = common.seed;
        ProgressBar bar = common.progress();
        DemoResult result = DemoResult.run(sourceRows, targetRows, testRows, ensemble, seed, bar);
        bar.finishLine();
        AssessmentRun.Outcome[] assessment = new AssessmentRun.Outcome[1];
        AtomicOutput.writeDirectory(target, dir -> {
            assessment[0] = result.assess(dir, ensemble, bar);
            bar.finishLine();
            result.write(dir);
        });
        OutputOptions.printReplaced(target, System.out);
        result.printSummary(out);
        AssessmentReport.printSummary(assessment[0], out.resolve("assessment"), System.out);
        return 0;
    }
}
