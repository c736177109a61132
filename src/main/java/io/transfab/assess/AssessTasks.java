package io.transfab.assess;

import io.transfab.data.AtomicOutput;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.model.Compositions;
import io.transfab.model.Json;
import io.transfab.model.TrainedModel;
import io.transfab.model.nn.MlpOptions;
import io.transfab.sweep.SweepJob;
import io.transfab.sweep.SweepResult;
import io.transfab.sweep.SweepTask;
import io.transfab.sweep.SweepWorker;
import io.transfab.transfer.FineTuneOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The assessment's units as sweep tasks: a task is one planned split (its key, which seeds it, and
 * its train and test rows); the job is the target and test rows as encoded matrices, the methods,
 * the options, the seed and the pre-trained model's directory. A worker rebuilt from the job in
 * another JVM trains exactly what {@link Assessment} trains here, so every executor gives the same bytes.
 */
final class AssessTasks {
    /** Folder of the pre-trained model's files inside a job. */
    private static final String BASE = "pretrained/";

    private AssessTasks() {
    }

    /** The shared part of an assessment's tasks (JSON of a job). */
    record JobSpec(Schema schema, double[][] targetX, double[][] targetY, String targetSource, double[][] testX,
            double[][] testY, String testSource, List<Method> methods, List<Method> candidates, MlpOptions architecture,
            FineTuneOptions fineTune, int ensemble, long seed, boolean pretrained, String compositions) {
    }

    static SweepTask task(Assessment.Planned p) {
        return new SweepTask(p.key(), Json.toString(p));
    }

    /** "size 10, draw 3, method full": how an error names a unit and method. */
    static String describe(Assessment.Planned p, Method m) {
        return where(p) + ", method " + m.cliName();
    }

    private static String where(Assessment.Planned p) {
        return "assess " + (p.phase().equals("cv")
                ? "resampling of size " + p.size() + ", repeat " + p.repeat() + ", fold " + p.fold()
                : "size " + p.size() + ", draw " + p.repeat());
    }

    /** Runs one planned unit; bad input becomes a result (no executor retries it). */
    static SweepResult execute(Assessment.UnitRunner runner, Assessment.Planned p) {
        try {
            return SweepResult.of(p.key(), Json.toString(runner.run(p)));
        } catch (DataException e) {
            return SweepResult.badInput(p.key(), e.getMessage());
        }
    }

    static SplitResult.Unit unit(SweepResult r) {
        try {
            return Json.MAPPER.readValue(r.value(), SplitResult.Unit.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job another JVM rebuilds the assessment's worker from. */
    static SweepJob job(MethodTrainer trainer, List<Method> methods, List<Method> candidates, Dataset target,
            Dataset test, long seed) {
        TrainedModel base = trainer.base();
        JobSpec spec = new JobSpec(target.schema(), target.x(), target.y(), target.source(),
                test == null ? null : test.x(), test == null ? null : test.y(), test == null ? null : test.source(),
                methods, candidates, trainer.architecture(), trainer.fineTune(), trainer.ensemble(), seed,
                base != null, trainer.compositions().text());
        Map<String, byte[]> files = new TreeMap<>();
        if (base != null) {
            withTemporaryFolder(dir -> {
                Path model = dir.resolve("model");
                base.save(model);
                try (Stream<Path> walk = Files.walk(model)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        files.put(BASE + model.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                    }
                }
                return null;
            });
        }
        return SweepJob.of(Factory.class, Json.toString(spec), files);
    }

    /** Rebuilds the assessment's worker from a job (in a Spark executor). */
    public static final class Factory implements SweepWorker.Factory {
        @Override
        public SweepWorker open(SweepJob job) {
            JobSpec s;
            try {
                s = Json.MAPPER.readValue(job.spec(), JobSpec.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TrainedModel base = !s.pretrained() ? null : withTemporaryFolder(dir -> {
                Path model = dir.resolve("model");
                for (String name : job.fileNames()) {
                    if (name.startsWith(BASE)) {
                        Path f = model.resolve(name.substring(BASE.length()));
                        Files.createDirectories(f.getParent());
                        Files.write(f, job.file(name));
                    }
                }
                return TrainedModel.load(model);
            });
            MethodTrainer trainer = new MethodTrainer(base, s.architecture(), s.fineTune(), s.ensemble())
                    .withCompositions(Compositions.Choice.parse(s.compositions(), "compositions"));
            Dataset target = Dataset.of(s.schema(), s.targetX(), s.targetY(), s.targetSource());
            Dataset test = s.testX() == null ? null : Dataset.of(s.schema(), s.testX(), s.testY(), s.testSource());
            Assessment.UnitRunner runner = p -> Assessment.runUnit(trainer, s.methods(), s.candidates(), target, test,
                    p, s.seed());
            return new SweepWorker() {
                @Override
                public SweepResult run(SweepTask task) {
                    Assessment.Planned p = planned(task);
                    if (!p.key().equals(task.key())) {
                        throw new IllegalStateException("task " + task.key() + " describes unit " + p.key());
                    }
                    return execute(runner, p);
                }

                @Override
                public String describe(SweepTask task) {
                    return AssessTasks.describe(planned(task), s.methods());
                }
            };
        }
    }

    private static Assessment.Planned planned(SweepTask task) {
        try {
            return Json.MAPPER.readValue(task.spec(), Assessment.Planned.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "assess size 10, draw 3 (methods gp, full)": how an error names a whole unit. */
    static String describe(Assessment.Planned p, List<Method> methods) {
        return where(p) + " (method" + (methods.size() == 1 ? " " : "s ") + String.join(", ",
                methods.stream().map(Method::cliName).toList()) + ")";
    }

    private interface InFolder<T> {
        T apply(Path dir) throws IOException;
    }

    private static <T> T withTemporaryFolder(InFolder<T> body) {
        try {
            Path dir = Files.createTempDirectory("transfab-sweep-");
            try {
                return body.apply(dir);
            } finally {
                AtomicOutput.deleteRecursively(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
