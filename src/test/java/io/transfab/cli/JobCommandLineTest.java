package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.workflow.JobCatalog;
import io.transfab.workflow.PreparedJob;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** A job's command line, parsed by the real CLI, gives the job's own options record. */
class JobCommandLineTest {
    /** One kind: its parameters, and how its command builds the options record. */
    record Case(String kind, Map<String, String> params, Callable<?> command,
            Function<Object, Record> options) {
        @Override
        public String toString() {
            return kind + " " + params;
        }
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Case> cases() {
        return List.of(
                new Case("train", params("data", "data/x.csv", "model", "mlp", "targets", "density", "features",
                        "gap,load", "out", "models/m", "hidden", "8,4", "epochs", "3", "force", "true", "seed", "7",
                        "drop-incomplete", "false"), new TrainCommand(), c -> ((TrainCommand) c).options()),
                new Case("train", params("data", "data/x.csv", "targets", "density", "out", "m", "normalization",
                        "per-domain", "domain", "line", "ensemble", "3"), new TrainCommand(),
                        c -> ((TrainCommand) c).options()),
                new Case("predict", params("model", "models/m", "data", "data/x.csv", "out", "out/p.csv", "level",
                        "0.8", "strict", "true", "unseen-domain", "own-rows"), new PredictCommand(),
                        c -> ((PredictCommand) c).options()),
                new Case("pretrain", params("data", "data/s.csv", "targets", "density", "out", "base", "ensemble",
                        "2", "activation", "tanh", "lr", "0.01", "media-root", "data"), new PretrainCommand(),
                        c -> ((PretrainCommand) c).options()),
                new Case("finetune", params("base", "base", "data", "data/t.csv", "out", "tuned", "strategy", "l2sp",
                        "normalize", "source", "l2sp-alpha", "0.1", "frozen-layers", "2", "ensemble", "0",
                        "targets", "density"), new FinetuneCommand(), c -> ((FinetuneCommand) c).options()),
                new Case("assess", params("source", "data/s.csv", "target", "data/t.csv", "out", "a", "sizes",
                        "5,all", "methods", "ridge,full", "baseline", "gp", "protocol", "repeated-kfold",
                        "cv-repeats", "2", "groups", "batch", "jobs", "1", "drop-incomplete", "true"),
                        new AssessCommand(), c -> ((AssessCommand) c).options()),
                new Case("explain", params("model", "m", "data", "data/t.csv", "out", "e", "background",
                        "data/s.csv", "method", "kernel", "kernel-coalitions", "64", "row", "2", "threads", "1"),
                        new ExplainCommand(), c -> ((ExplainCommand) c).options()),
                new Case("suggest", params("model", "m", "space", "data/space.yaml", "n", "4", "goal",
                        "target:density=2.1", "out", "next.csv", "level", "0.95"), new SuggestCommand(),
                        c -> ((SuggestCommand) c).options()),
                new Case("optimize", params("model", "m", "space", "data/space.yaml", "goal", "max:density",
                        "out", "best.csv"), new OptimizeCommand(), c -> ((OptimizeCommand) c).options()),
                new Case("design", params("space", "data/space.yaml", "n", "6", "method", "dopt", "model", "linear",
                        "out", "plan.csv", "seed", "5"), new DesignCommand(), c -> ((DesignCommand) c).options()),
                new Case("demo", params("out", "demo", "source-rows", "60", "target-rows", "6", "test-rows", "10",
                        "ensemble", "1", "seed", "3"), new DemoCommand(), c -> ((DemoCommand) c).options()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theCommandLineParsedByTheCliGivesTheSameOptions(Case c, @TempDir Path ws) throws Exception {
        // Given a job prepared in a workspace
        Files.createDirectories(ws.resolve("data"));
        // every kind is listed
        assertThat(JobCatalog.kinds()).contains(c.kind());
        PreparedJob<?> job = JobCatalog.prepare(c.kind(), c.params(), ws);
        List<String> line = job.commandLine();
        // When its command line (without ./transfab and the kind) is parsed by the CLI's command
        assertThat(line.subList(0, 2)).containsExactly("./transfab", c.kind());
        new CommandLine(c.command()).parseArgs(line.subList(2, line.size()).toArray(String[]::new));
        Record fromCli = c.options().apply(c.command());
        // Then, its paths taken at the workspace root, it is the job's options record
        assertThat(atRoot(fromCli, ws.toRealPath())).isEqualTo(job.options());
    }

    /** The record with every path in it (also in nested records) resolved against {@code root}. */
    static Record atRoot(Record r, Path root) throws Exception {
        RecordComponent[] parts = r.getClass().getRecordComponents();
        Object[] values = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Object v = parts[i].getAccessor().invoke(r);
            if (v instanceof Path p) {
                v = root.resolve(p).normalize();
            } else if (v instanceof Record nested) {
                v = atRoot(nested, root);
            }
            values[i] = v;
            types[i] = parts[i].getType();
        }
        Constructor<? extends Record> ctor = r.getClass().getDeclaredConstructor(types);
        ctor.setAccessible(true);
        return ctor.newInstance(values);
    }
}
