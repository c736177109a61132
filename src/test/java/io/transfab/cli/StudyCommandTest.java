package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {
    @TempDir
    Path dir;

    @Test
    void activeLearningWritesCurvesResultsAndReport() throws Exception {
        // Given a tiny active-learning study
        Path out = dir.resolve("al");
        // When it runs
        CliTestSupport.Run r = CliTestSupport.run("study", "active-learning", "--seeds", "1", "--initial", "6",
                "--batch", "3", "--rounds", "1", "--test-rows", "40", "--quiet", "--seed", "3", "--out",
                out.toString());
        // Then it succeeds and writes one curve row per method and size, the JSON and the report
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Mean test R2 of density_g_cm3").contains("active-learning");
        assertThat(Files.readAllLines(out.resolve("curves.csv"))).hasSize(1 + 3 * 2);
        assertThat(Json.read(out.resolve("results.json")).path("sizes").toString()).isEqualTo("[6,9]");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg").contains("one-shot-lhs");
        assertThat(Files.readString(out.resolve("space.yaml"))).contains("calender_line_load_n_mm");
    }

    @Test
    void compareMaxStdAddsTheMaxStdCurve() throws Exception {
        // Given the tiny study with --compare-max-std
        Path out = dir.resolve("al2");
        CliTestSupport.Run r = CliTestSupport.run("study", "active-learning", "--seeds", "1", "--initial", "6",
                "--batch", "3", "--rounds", "1", "--test-rows", "40", "--compare-max-std", "--quiet", "--seed", "3",
                "--out", out.toString());
        // Then a fourth method is reported
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("active-learning-max-std");
        assertThat(Files.readAllLines(out.resolve("curves.csv"))).hasSize(1 + 4 * 2);
    }

    @Test
    void inverseDesignWritesHitRates() throws Exception {
        // Given a tiny inverse-design study with one requested density
        Path out = dir.resolve("inv");
        // When it runs
        CliTestSupport.Run r = CliTestSupport.run("study", "inverse-design", "--seeds", "1", "--train-runs", "8",
                "--proposals", "2", "--targets", "3.0", "--quiet", "--out", out.toString());
        // Then it succeeds and reports each method once for the request
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("hits.csv"))).hasSize(1 + 3);
        assertThat(Files.readString(out.resolve("report.html"))).contains("random search (model)");
    }

    @Test
    void badInputEndsWithStatusTwo() throws Exception {
        // Given a space file that lacks simulator parameters, and an unknown property
        Path space = dir.resolve("space.yaml");
        Files.writeString(space, "parameters:\n  - {name: am_wt_pct, type: continuous, min: 90, max: 96}\n");
        CliTestSupport.Run a = CliTestSupport.run("study", "active-learning", "--space", space.toString(), "--out",
                dir.resolve("a").toString(), "--quiet");
        CliTestSupport.Run b = CliTestSupport.run("study", "inverse-design", "--property", "densty", "--out",
                dir.resolve("b").toString(), "--quiet");
        // Then both stop with status 2 and a one-line message
        assertThat(a.status()).isEqualTo(2);
        assertThat(a.err()).contains("space.yaml").contains("cb_binder_ratio").doesNotContain("Exception");
        assertThat(b.status()).isEqualTo(2);
        assertThat(b.err()).contains("unknown property 'densty'");
    }
}
