package io.transfab.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs prepared from parameters: the CLI's validation, paths kept inside the workspace, runs that write outputs. */
class JobCatalogTest {
    /** Progress and log lines as a job reported them. */
    static class Recorder implements JobListener {
        final List<String> progress = new ArrayList<>();
        final List<String> log = new ArrayList<>();

        @Override
        public synchronized void progress(String task, int done, int total) {
            progress.add(task + " " + done + "/" + total);
        }

        @Override
        public synchronized void log(String line) {
            log.add(line);
        }
    }

    /** 16 rows of density over gap and load, in WORKSPACE/data/x.csv. */
    static Path workspace(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("gap,load,density\n");
        for (int i = 0; i < 16; i++) {
            sb.append(100 + 10 * i).append(',').append(i % 4).append(',')
                    .append(2 + 0.01 * i + 0.05 * (i % 4) + 0.03 * Math.sin(7.0 * i)).append('\n');
        }
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/x.csv"), sb.toString());
        return dir;
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void trainThenPredictRunAsJobsInsideTheWorkspace(@TempDir Path dir) throws Exception {
        // Given a workspace with one table
        Path ws = workspace(dir);
        // When a ridge model is trained and the same rows predicted, as jobs
        Job train = JobCatalog.prepare("train", params("data", "data/x.csv", "model", "ridge", "targets", "density",
                "features", "gap,load", "out", "models/m"), ws);
        Recorder trainLog = new Recorder();
        train.run(trainLog, Cancellation.create());
        Job predict = JobCatalog.prepare("predict", params("model", "models/m", "data", "data/x.csv",
                "out", "out/p.csv", "level", "0.8"), ws);
        Recorder predictLog = new Recorder();
        predict.run(predictLog, Cancellation.create());
        // Then the model and the predictions lie where the jobs said, and the logs hold the CLI's summaries
        Path real = ws.toRealPath();
        assertThat(train.outputs()).containsExactly(real.resolve("models/m"));
        assertThat(Files.exists(real.resolve("models/m/model.json"))).isTrue();
        assertThat(trainLog.log).anyMatch(l -> l.startsWith("Trained ridge on 16 rows x 2 features"))
                .anyMatch(l -> l.contains("training-set R2"));
        assertThat(predict.outputs()).containsExactly(real.resolve("out/p.csv"));
        Table p = CsvReader.read(real.resolve("out/p.csv"));
        assertThat(p.names()).containsSubsequence("density_pred", "density_std", "density_lower", "density_upper");
        assertThat(p.rowCount()).isEqualTo(16);
        assertThat(predictLog.log).anyMatch(l -> l.startsWith("Predicted 16 rows with") && l.contains("80.00 %"))
                .anyMatch(l -> l.contains("density") && l.contains("R2"));
        // and the command lines are the CLI's, with the workspace-relative paths
        assertThat(train.commandLine()).containsExactly("./transfab", "train", "--data", "data/x.csv", "--features",
                "gap,load", "--targets", "density", "--model", "ridge", "--out", "models/m");
        assertThat(predict.commandLine()).startsWith("./transfab", "predict", "--model", "models/m");
    }

    @Test
    void anMlpJobReportsProgressAndStopsWhenCancelled(@TempDir Path dir) throws Exception {
        // Given an MLP training job whose cancellation is requested at its first progress update
        Path ws = workspace(dir);
        Job job = JobCatalog.prepare("train", params("data", "data/x.csv", "model", "mlp", "targets", "density",
                "features", "gap,load", "out", "models/mlp", "epochs", "50", "ensemble", "2"), ws);
        Cancellation cancel = Cancellation.create();
        Recorder rec = new Recorder() {
            @Override
            public synchronized void progress(String task, int done, int total) {
                super.progress(task, done, total);
                cancel.cancel();
            }
        };
        // When it runs
        // Then it stops with CancelledException after that one update and writes no model
        assertThatThrownBy(() -> job.run(rec, cancel)).isInstanceOf(CancelledException.class);
        assertThat(rec.progress).hasSize(1);
        assertThat(Files.exists(ws.resolve("models/mlp"))).isFalse();
    }

    @Test
    void aJobCancelledBeforeItStartsDoesNothing(@TempDir Path dir) throws Exception {
        // Given a prepared job and a cancellation already requested
        Path ws = workspace(dir);
        Job job = JobCatalog.prepare("train", params("data", "data/x.csv", "model", "ridge", "targets", "density",
                "features", "gap,load", "out", "m"), ws);
        Cancellation cancel = Cancellation.create();
        cancel.cancel();
        // When it runs / Then it is cancelled at once and nothing is written
        assertThatThrownBy(() -> job.run(JobListener.NONE, cancel)).isInstanceOf(CancelledException.class);
        assertThat(Files.exists(ws.resolve("m"))).isFalse();
        // and Cancellation.none() can never be cancelled
        Cancellation none = Cancellation.none();
        none.cancel();
        assertThat(none.isCancelled()).isFalse();
    }

    @Test
    void pathsOutsideTheWorkspaceAreRefusedNamingTheOption(@TempDir Path dir) throws Exception {
        // Given a workspace, a table outside it and a link inside it that leads out
        Path ws = Files.createDirectories(dir.resolve("ws"));
        workspace(ws);
        Path outsideTable = Files.writeString(dir.resolve("secret.csv"), "a,b\n1,2\n2,3\n");
        Files.createSymbolicLink(ws.resolve("link"), dir);
        // When jobs name paths that climb out, are absolute or go through the link
        // Then each is refused with a DataException naming the option
        for (Map<String, String> bad : List.of(
                params("data", "../secret.csv", "targets", "b", "out", "m"),
                params("data", outsideTable.toString(), "targets", "b", "out", "m"),
                params("data", "link/secret.csv", "targets", "b", "out", "m"))) {
            assertThatThrownBy(() -> JobCatalog.prepare("train", bad, ws)).isInstanceOf(DataException.class)
                    .hasMessageContaining("--data").hasMessageContaining("outside the workspace");
        }
        assertThatThrownBy(() -> JobCatalog.prepare("train", params("data", "data/x.csv", "targets", "density",
                "out", "link/m"), ws)).isInstanceOf(DataException.class).hasMessageContaining("--out");
    }

    @Test
    void badParametersGetTheCliMessages(@TempDir Path dir) throws Exception {
        // Given a workspace
        Path ws = workspace(dir);
        // When parameters are unknown, missing, badly typed or bad values
        // Then the message names the option (or the kind) as the CLI does
        assertThatThrownBy(() -> JobCatalog.prepare("fly", Map.of(), ws)).isInstanceOf(DataException.class)
                .hasMessageContaining("fly").hasMessageContaining("train");
        assertThatThrownBy(() -> JobCatalog.prepare("train", params("data", "data/x.csv", "targets", "density",
                "out", "m", "colour", "red"), ws)).isInstanceOf(DataException.class).hasMessageContaining("--colour");
        assertThatThrownBy(() -> JobCatalog.prepare("train", params("data", "data/x.csv", "targets", "density"), ws))
                .isInstanceOf(DataException.class).hasMessageContaining("--out");
        assertThatThrownBy(() -> JobCatalog.prepare("train", params("data", "data/x.csv", "out", "m", "model",
                "forest"), ws)).isInstanceOf(DataException.class).hasMessageContaining("--model 'forest'");
        assertThatThrownBy(() -> JobCatalog.prepare("train", params("data", "data/x.csv", "out", "m", "ensemble",
                "many"), ws)).isInstanceOf(DataException.class).hasMessageContaining("--ensemble");
        assertThatThrownBy(() -> JobCatalog.prepare("train", params("data", "data/x.csv", "out", "m", "domain",
                "line"), ws)).isInstanceOf(DataException.class).hasMessageContaining("--normalization per-domain");
        assertThatThrownBy(() -> JobCatalog.prepare("predict", params("model", "m", "data", "data/x.csv", "out",
                "p.csv", "level", "1.5"), ws)).isInstanceOf(DataException.class).hasMessageContaining("--level");
        assertThatThrownBy(() -> JobCatalog.prepare("predict", params("model", "m", "data", "data/x.csv", "out",
                "-"), ws)).isInstanceOf(DataException.class).hasMessageContaining("--out");
        assertThatThrownBy(() -> JobCatalog.prepare("train", params("data", "data/x.csv", "out", "m", "force",
                "maybe"), ws)).isInstanceOf(DataException.class).hasMessageContaining("--force");
    }

    @Test
    void aJobDoesNotReplaceAForeignDirectoryWithoutForce(@TempDir Path dir) throws Exception {
        // Given a folder of the user's at the job's --out
        Path ws = workspace(dir);
        Files.createDirectories(ws.resolve("notes"));
        Files.writeString(ws.resolve("notes/keep.txt"), "mine");
        Job job = JobCatalog.prepare("train", params("data", "data/x.csv", "model", "ridge", "targets", "density",
                "features", "gap,load", "out", "notes"), ws);
        // When it runs / Then it is refused as the CLI refuses it, and the folder is untouched
        assertThatThrownBy(() -> job.run(JobListener.NONE, Cancellation.create())).isInstanceOf(DataException.class)
                .hasMessageContaining("--force");
        assertThat(Files.readString(ws.resolve("notes/keep.txt"))).isEqualTo("mine");
    }
}
