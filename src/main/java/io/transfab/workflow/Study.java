package io.transfab.workflow;

import io.transfab.data.AtomicOutput;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.design.ActiveLearningOptions;
import io.transfab.design.ActiveLearningResult;
import io.transfab.design.ActiveLearningStudy;
import io.transfab.design.InverseDesignOptions;
import io.transfab.design.InverseDesignResult;
import io.transfab.design.InverseDesignStudy;
import io.transfab.design.SimulatorLab;
import io.transfab.design.StudySweep;
import io.transfab.model.Progress;
import io.transfab.simulate.Chemistry;
import io.transfab.sweep.ExecutorKind;
import io.transfab.sweep.SweepExecutor;
import io.transfab.sweep.SweepExecutors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code study active-learning} and {@code study inverse-design}: a design study on the simulated lab,
 * written to a study directory (the space used as space.yaml, the study's files); the summary goes to
 * {@link JobListener#info}.
 */
public final class Study {
    /**
     * The simulated lab both studies use.
     *
     * @param space the parameter space file, or null for the chemistry's process window
     * @param seeds repetitions of the study
     */
    public record Lab(String chemistry, Path space, double noise, int seeds) {
        public Lab {
            Chemistry.fromCliName(chemistry);
        }

        /** The text of the parameter space: --space, or the chemistry's process window. */
        public String spaceYaml() throws IOException {
            return space == null ? SimulatorLab.spaceYaml(Chemistry.fromCliName(chemistry)) : Files.readString(space);
        }

        /** The lab over the space {@code yaml} (from {@link #spaceYaml()}). */
        public SimulatorLab lab(String yaml) {
            return spec(yaml).lab();
        }

        /** The lab over the space {@code yaml} as a sweep job ships it (any JVM rebuilds the same lab). */
        public StudySweep.LabSpec spec(String yaml) {
            Chemistry c = Chemistry.fromCliName(chemistry);
            String source = space == null ? c.cliName() + " process window" : space.toString();
            return new StudySweep.LabSpec(c.cliName(), noise, yaml, source);
        }
    }

    /**
     * Where a study's units run (docs/scale-out.md).
     *
     * @param kind   local threads (one per processor) or Spark
     * @param master the Spark master URL, or null for the default
     */
    public record Executor(ExecutorKind kind, String master) {
        public Executor {
            Objects.requireNonNull(kind, "--executor");
        }

        /** Local threads, one per processor. */
        public static Executor local() {
            return new Executor(ExecutorKind.LOCAL, null);
        }

        SweepExecutor create() {
            return SweepExecutors.of(kind, master, Runtime.getRuntime().availableProcessors());
        }
    }

    /** The options of {@code study active-learning}. */
    public record ActiveLearning(Lab lab, ActiveLearningOptions options, Path out, boolean force, Executor executor) {
        public ActiveLearning {
            Objects.requireNonNull(lab, "lab");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(out, "--out");
            Objects.requireNonNull(executor, "executor");
        }

        /** On local threads. */
        public ActiveLearning(Lab lab, ActiveLearningOptions options, Path out, boolean force) {
            this(lab, options, out, force, Executor.local());
        }
    }

    /** The options of {@code study inverse-design}. */
    public record InverseDesign(Lab lab, InverseDesignOptions options, Path out, boolean force, Executor executor) {
        public InverseDesign {
            Objects.requireNonNull(lab, "lab");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(out, "--out");
            Objects.requireNonNull(executor, "executor");
        }

        /** On local threads. */
        public InverseDesign(Lab lab, InverseDesignOptions options, Path out, boolean force) {
            this(lab, options, out, force, Executor.local());
        }
    }

    /** A study run on the lab's spec, with a progress bar and an executor. */
    @FunctionalInterface
    private interface Run<R> {
        R run(StudySweep.LabSpec lab, SweepExecutor executor, Progress progress) throws IOException;
    }

    /** Writes a study's files into the output folder. */
    @FunctionalInterface
    private interface Report<R> {
        void write(R result, Path out) throws IOException;
    }

    private Study() {
    }

    public static ActiveLearningResult activeLearning(ActiveLearning o, JobListener listener,
            Cancellation cancellation) throws IOException {
        return run(o.lab(), o.out(), o.force(), o.executor(), (lab, e, p) -> ActiveLearningStudy.run(lab,
                o.options(), e, p),
                StudyReport::write, StudyReport::summary, "curves.csv", listener, cancellation);
    }

    public static InverseDesignResult inverseDesign(InverseDesign o, JobListener listener,
            Cancellation cancellation) throws IOException {
        return run(o.lab(), o.out(), o.force(), o.executor(), (lab, e, p) -> InverseDesignStudy.run(lab,
                o.options(), e, p),
                StudyReport::write, StudyReport::summary, "hits.csv", listener, cancellation);
    }

    /**
     * What both studies do once their options are validated: check OUT, build the lab, run the study, write
     * OUT (the space used as space.yaml and the study's files) and report the summary.
     */
    private static <R> R run(Lab lab, Path out, boolean force, Executor executor, Run<R> study,
            Report<R> report, Function<R, String> summary, String mainFile, JobListener listener,
            Cancellation cancellation) throws IOException {
        OutputTarget target = Outputs.directory(out, OutputKind.STUDY, force, lab.space());
        String yaml = lab.spaceYaml();
        StudySweep.LabSpec spec = lab.spec(yaml);
        SweepExecutor e = executor.create();
        cancellation.check();
        R r = study.run(spec, e, cancellation.watching(listener));
        cancellation.check();
        AtomicOutput.writeDirectory(target, dir -> {
            AtomicOutput.writeString(dir.resolve("space.yaml"), yaml);
            report.write(r, dir);
        });
        Outputs.replaced(target).forEach(listener::info);
        Printed.info(ps -> {
            ps.print(summary.apply(r));
            ps.println("Wrote " + out.resolve(mainFile) + ", results.json, report.html");
        }, listener);
        return r;
    }
}
