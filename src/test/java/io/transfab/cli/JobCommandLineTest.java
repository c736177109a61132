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

    static List<Case> cases() {
        return List.of(
                new Case("train", Map.of("data", "data/x.csv", "model", "mlp", "targets", "density", "features",
                        "gap,load", "out", "models/m", "hidden", "8,4", "epochs", "3", "force", "true", "seed", "7",
                        "drop-incomplete", "false"), new TrainCommand(), c -> ((TrainCommand) c).options()),
                new Case("train", Map.of("data", "data/x.csv", "targets", "density", "out", "m", "normalization",
                        "per-domain", "domain", "line", "ensemble", "3"), new TrainCommand(),
                        c -> ((TrainCommand) c).options()),
                new Case("predict", Map.of("model", "models/m", "data", "data/x.csv", "out", "out/p.csv", "level",
                        "0.8", "strict", "true", "unseen-domain", "own-rows"), new PredictCommand(),
                        c -> ((PredictCommand) c).options()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theCommandLineParsedByTheCliGivesTheSameOptions(Case c, @TempDir Path ws) throws Exception {
        // Given a job prepared in a workspace
        Files.createDirectories(ws.resolve("data"));
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
