package io.transfab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assess --executor spark} on {@code local[2]} against {@code --executor local}: the same bytes. */
@Tag("spark")
class SparkAssessTest {
    @TempDir
    static Path tables;

    /** The unit whose task the fault-injection tests make fail (the second draw of 6 rows). */
    private static final String FAILING_UNIT = "curve-n6-r1-f-1";

    /** The unit before it in the plan (the first draw of 6 rows). */
    private static final String FINISHED_UNIT = "curve-n6-r0-f-1";

    /** The reference: the same assessment on local threads. */
    private static Path local;

    @BeforeAll
    static void writeTablesAndRunLocally() throws Exception {
        AssessFixture.write(tables);
        local = tables.resolve("local");
        Run r = AssessFixture.assess(tables, local, "--executor", "local");
        assertThat(r.status()).as(r.err()).isZero();
    }

    @Test
    void sparkWritesTheBytesOfALocalRun(@TempDir Path dir) throws Exception {
        // Given the same assessment run on local threads and on Spark local[2]
        Run spark = AssessFixture.assess(tables, dir.resolve("spark"), "--executor", "spark", "--spark-master",
                "local[2]");
        // Then both succeed with byte-identical predictions, and metrics that differ in timing and executor only
        assertThat(spark.status()).as(spark.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("spark/predictions.csv")))
                .isEqualTo(Files.readAllBytes(local.resolve("predictions.csv")));
        assertThat(AssessFixture.metricsWithoutTimingAndExecutor(dir.resolve("spark")))
                .isEqualTo(AssessFixture.metricsWithoutTimingAndExecutor(local));
        assertThat(Json.read(dir.resolve("spark/metrics.json")).path("executor").asText())
                .isEqualTo("spark local[2,4]");
        assertThat(Json.read(local.resolve("metrics.json")).path("executor").asText())
                .isEqualTo("local (2 threads)");
    }

    @Test
    void aTaskWhoseFirstAttemptFailsIsRetriedToTheSameBytes(@TempDir Path dir) throws Exception {
        // Given a task that throws on its first attempt
        // When assessing on Spark
        Run spark = withHook(SparkSweepExecutor.FAIL_FIRST_ATTEMPT, FAILING_UNIT, dir.resolve("spark"), "local[2]");
        // Then Spark retried it and the run has the bytes of the local run
        assertThat(spark.status()).as(spark.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("spark/predictions.csv")))
                .isEqualTo(Files.readAllBytes(local.resolve("predictions.csv")));
    }

    @Test
    void aTaskFailingEveryAttemptIsOneLineNothingIsWrittenAndARerunResumes(@TempDir Path dir) throws Exception {
        // Given a task that throws on every attempt, the second of the plan (on one core Spark's FIFO scheduler
        // starts the units in plan order, so the first has finished before it fails; later ones may have too)
        Path out = dir.resolve("spark");
        // When assessing on Spark (one core, two attempts per task)
        Run failed = withHook(SparkSweepExecutor.FAIL_EVERY_ATTEMPT, FAILING_UNIT, out, "local[1,2]");
        // Then: exit 1 (internal), one line naming size, draw and methods, no output, the finished units kept
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.err().strip().lines()).hasSize(1);
        assertThat(failed.err()).contains("assess size 6, draw 1 (methods ridge, full)")
                .contains("injected failure").contains("on attempt 2");
        assertThat(out).doesNotExist();
        Path work = dir.resolve("spark.partial");
        assertThat(work.resolve("fingerprint.txt")).exists();
        try (var units = Files.list(work.resolve("units"))) {
            assertThat(units.map(u -> u.getFileName().toString()).toList()).contains(FINISHED_UNIT + ".json")
                    .doesNotContain(FAILING_UNIT + ".json");
        }
        // When the same command runs again without that fault, the finished unit now failing every attempt
        Run rerun = withHook(SparkSweepExecutor.FAIL_EVERY_ATTEMPT, FINISHED_UNIT, out, "local[2]");
        // Then it completes (the finished unit is resumed, not run again) with the bytes of a local run
        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(Files.readAllBytes(out.resolve("predictions.csv")))
                .isEqualTo(Files.readAllBytes(local.resolve("predictions.csv")));
        assertThat(work).doesNotExist();
    }

    @Test
    void badInputFoundInsideATaskIsExitTwoWithOneLineAndNothingWritten(@TempDir Path dir) throws Exception {
        // Given an assessment whose units are bad input only once they run: auto's inner cross-validation
        // needs 4 training rows, and every draw of size 3 has 3
        Path out = dir.resolve("spark");
        // When assessing on Spark
        Run bad = AssessFixture.assessWith(tables, out, "3", "ridge,auto", "--executor", "spark", "--spark-master",
                "local[2]");
        // Then: exit 2 (bad input, not retried into an internal error), one line naming the size, the draw and
        // the method, and nothing written to --out
        assertThat(bad.status()).as(bad.err()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(bad.err()).containsPattern("assess size 3, draw [01], method auto: auto needs at least 4 target "
                + "rows");
        assertThat(out).doesNotExist();
    }

    /** The assessment on Spark {@code master} with the test hook {@code hook} set to {@code key}. */
    private static Run withHook(String hook, String key, Path out, String master) throws Exception {
        System.setProperty(hook, key);
        try {
            return AssessFixture.assess(tables, out, "--executor", "spark", "--spark-master", master);
        } finally {
            System.clearProperty(hook);
        }
    }

    /** Exit status and what the command printed. */
    record Run(int status, String out, String err) {
    }
}
