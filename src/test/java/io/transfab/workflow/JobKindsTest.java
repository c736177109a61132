package io.transfab.workflow;

import static io.transfab.workflow.JobCatalogTest.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every job kind of the catalog runs in a workspace and writes the outputs it names. */
class JobKindsTest {
    /** 40 source rows and 12 target rows of density over gap and load, and a parameter space. */
    static Path workspace(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/source.csv"), rows(40, 0.0));
        Files.writeString(dir.resolve("data/target.csv"), rows(12, 0.1));
        Files.writeString(dir.resolve("data/space.yaml"), """
                parameters:
                  - {name: gap, type: continuous, min: 100, max: 500, step: 5}
                  - {name: load, type: integer, min: 0, max: 3}
                """);
        return dir;
    }

    private static String rows(int n, double shift) {
        StringBuilder sb = new StringBuilder("gap,load,density\n");
        for (int i = 0; i < n; i++) {
            sb.append(100 + 10 * i).append(',').append(i % 4).append(',')
                    .append(2 + shift + 0.01 * i + 0.05 * (i % 4) + 0.03 * Math.sin(7.0 * i)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void pretrainFinetuneExplainSuggestAndOptimizeRunAsJobs(@TempDir Path dir) throws Exception {
        // Given a workspace with a source and a target table
        Path ws = workspace(dir).toRealPath();
        JobCatalogTest.Recorder log = new JobCatalogTest.Recorder();
        // When a small network is pre-trained, fine-tuned with a fixed strategy, explained and used for
        // suggest and optimize, each as a job
        Job pretrain = JobCatalog.prepare("pretrain", params("data", "data/source.csv", "features", "gap,load",
                "targets", "density", "out", "models/base", "ensemble", "2", "epochs", "5", "hidden", "8"), ws);
        pretrain.run(log, Cancellation.create());
        Job finetune = JobCatalog.prepare("finetune", params("base", "models/base", "data", "data/target.csv",
                "out", "models/tuned", "strategy", "head", "epochs", "5"), ws);
        finetune.run(log, Cancellation.create());
        Job explain = JobCatalog.prepare("explain", params("model", "models/tuned", "data", "data/target.csv",
                "out", "explain", "background-size", "10", "threads", "1"), ws);
        explain.run(log, Cancellation.create());
        Job suggest = JobCatalog.prepare("suggest", params("model", "models/tuned", "space", "data/space.yaml",
                "n", "3", "goal", "maximize:density", "out", "next.csv"), ws);
        suggest.run(log, Cancellation.create());
        Job optimize = JobCatalog.prepare("optimize", params("model", "models/tuned", "space", "data/space.yaml",
                "goal", "target:density=2.3", "n", "2", "out", "best.csv"), ws);
        optimize.run(log, Cancellation.create());
        // Then each wrote what its outputs() named, and the log holds the CLI's summary lines and progress
        assertThat(Files.exists(ws.resolve("models/base/model.json"))).isTrue();
        assertThat(Files.exists(ws.resolve("models/tuned/model.json"))).isTrue();
        assertThat(Files.exists(ws.resolve("explain/explain.html"))).isTrue();
        assertThat(CsvReader.read(ws.resolve("next.csv")).rowCount()).isEqualTo(3);
        Table best = CsvReader.read(ws.resolve("best.csv"));
        assertThat(best.rowCount()).isEqualTo(2);
        assertThat(best.names()).contains("density_lower", "density_upper");
        assertThat(explain.outputs()).containsExactly(ws.resolve("explain"));
        assertThat(log.log).anyMatch(l -> l.startsWith("Pre-trained")).anyMatch(l -> l.startsWith("Fine-tuned"))
                .anyMatch(l -> l.startsWith("Explained")).anyMatch(l -> l.startsWith("Suggest: maximize:density"))
                .anyMatch(l -> l.startsWith("Optimize: target:density=2.3"));
        assertThat(log.progress).isNotEmpty();
    }

    @Test
    void anAssessmentJobWritesItsReportAndCanBeCancelled(@TempDir Path dir) throws Exception {
        // Given a workspace and a small assessment without a source table
        Path ws = workspace(dir).toRealPath();
        java.util.Map<String, String> p = params("target", "data/target.csv", "features", "gap,load", "targets",
                "density", "sizes", "6", "repeats", "2", "methods", "ridge,gp", "folds", "3", "jobs", "1",
                "out", "assessment");
        // When it runs once to the end, and once more (to a new folder) cancelled at its first progress update
        JobCatalogTest.Recorder log = new JobCatalogTest.Recorder();
        JobCatalog.prepare("assess", p, ws).run(log, Cancellation.create());
        p.put("out", "assessment2");
        Job second = JobCatalog.prepare("assess", p, ws);
        Cancellation cancel = Cancellation.create();
        JobListener cancelling = new JobCatalogTest.Recorder() {
            @Override
            public synchronized void progress(String task, int done, int total) {
                cancel.cancel();
            }
        };
        // Then the first wrote its report and summary; the second stopped with CancelledException, writing nothing
        assertThat(Files.exists(ws.resolve("assessment/metrics.json"))).isTrue();
        assertThat(log.progress).isNotEmpty();
        assertThat(log.log).isNotEmpty();
        assertThatThrownBy(() -> second.run(cancelling, cancel)).isInstanceOf(CancelledException.class);
        assertThat(Files.exists(ws.resolve("assessment2/metrics.json"))).isFalse();
    }

    @Test
    void aDesignJobWritesItsPlanAndTheCliSummary(@TempDir Path dir) throws Exception {
        // Given a workspace with a parameter space
        Path ws = workspace(dir).toRealPath();
        JobCatalogTest.Recorder log = new JobCatalogTest.Recorder();
        // When a Latin hypercube of 5 runs is planned as a job
        Job design = JobCatalog.prepare("design", params("space", "data/space.yaml", "n", "5", "out", "plan.csv"),
                ws);
        design.run(log, Cancellation.create());
        // Then the plan has 5 rows over both parameters and the log holds the CLI's summary line
        Table plan = CsvReader.read(ws.resolve("plan.csv"));
        assertThat(plan.rowCount()).isEqualTo(5);
        assertThat(plan.names()).contains("gap", "load");
        assertThat(design.outputs()).containsExactly(ws.resolve("plan.csv"));
        assertThat(log.log).anyMatch(l -> l.startsWith("Design: lhs, 5 runs, 2 parameters, 0 constraints -> "));
    }
}
