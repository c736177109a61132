package io.transfab.workflow;

import io.transfab.assess.AssessmentReport;
import io.transfab.assess.AssessmentRun;
import io.transfab.data.AtomicOutput;
import io.transfab.data.DataException;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.model.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code demo}: the main job on simulated data (NMC cathode source, silicon-graphite anode target),
 * transfer learning against a from-scratch network and a Gaussian process on the same rows, and the
 * assessment, written to one demo directory; the summary goes to {@link JobListener#info}.
 */
public final class Demo {
    /** The options of {@code demo}. */
    public record Options(Path out, int sourceRows, int targetRows, int testRows, int ensemble, boolean force,
            long seed) {
        public Options {
            Objects.requireNonNull(out, "--out");
            if (sourceRows < 50 || targetRows < 5 || testRows < 5 || ensemble < 1) {
                throw DataException.option("demo needs --source-rows >= 50, --target-rows >= 5, --test-rows >= 5 "
                        + "and --ensemble >= 1");
            }
        }

        static Options of(JobParams p) {
            return new Options(p.output("out"), or(p.integer("source-rows"), 2000), or(p.integer("target-rows"), 20),
                    or(p.integer("test-rows"), 300), or(p.integer("ensemble"), 5), p.flag("force"), p.seed());
        }

        private static int or(Integer value, int defaultValue) {
            return value != null ? value : defaultValue;
        }
    }

    private final Options options;

    private Demo(Options options) {
        this.options = options;
    }

    public static Demo of(Options options) {
        return new Demo(options);
    }

    /** Where the demo was written, the methods' results and the assessment's outcome. */
    public record Result(OutputTarget target, DemoResult demo, AssessmentRun.Outcome assessment) {
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        OutputTarget target = Outputs.directory(o.out(), OutputKind.DEMO, o.force());
        Progress progress = cancellation.watching(listener);
        DemoResult result = DemoResult.run(o.sourceRows(), o.targetRows(), o.testRows(), o.ensemble(), o.seed(),
                progress);
        cancellation.check();
        AssessmentRun.Outcome[] assessment = new AssessmentRun.Outcome[1];
        AtomicOutput.writeDirectory(target, dir -> {
            assessment[0] = result.assess(dir, o.ensemble(), progress);
            cancellation.check();
            result.write(dir);
        });
        Outputs.replaced(target).forEach(listener::info);
        result.summary(o.out()).forEach(listener::info);
        Printed.info(ps -> AssessmentReport.printSummary(assessment[0], o.out().resolve("assessment"), ps), listener);
        return new Result(target, result, assessment[0]);
    }
}
