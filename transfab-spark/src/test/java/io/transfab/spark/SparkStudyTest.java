package io.transfab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code study active-learning} and {@code study inverse-design} on Spark {@code local[2]}: the bytes of a local run. */
@Tag("spark")
class SparkStudyTest {
    private static final List<String> FILES = List.of("space.yaml", "results.json", "report.html");

    @Test
    void activeLearningOnSparkWritesTheBytesOfALocalRun(@TempDir Path dir) throws Exception {
        // Given a small active-learning study (2 seeds x 4 methods = 8 units)
        String[] study = {"study", "active-learning", "--seeds", "2", "--initial", "6", "--batch", "3", "--rounds",
                "2", "--test-rows", "60", "--compare-max-std", "--seed", "11"};
        // When it runs on local threads and on Spark local[2]
        SparkAssessTest.Run local = run(study, dir.resolve("local"), "--executor", "local");
        SparkAssessTest.Run spark = run(study, dir.resolve("spark"), "--executor", "spark", "--spark-master",
                "local[2]");
        // Then both succeed and every file has the same bytes
        assertSameBytes(local, spark, dir, "curves.csv");
    }

    @Test
    void inverseDesignOnSparkWritesTheBytesOfALocalRun(@TempDir Path dir) throws Exception {
        // Given a small inverse-design study (2 seeds x 2 requested values = 4 units)
        String[] study = {"study", "inverse-design", "--seeds", "2", "--train-runs", "8", "--proposals", "3",
                "--targets", "2.9,3.3", "--seed", "5"};
        // When it runs on local threads and on Spark local[2]
        SparkAssessTest.Run local = run(study, dir.resolve("local"), "--executor", "local");
        SparkAssessTest.Run spark = run(study, dir.resolve("spark"), "--executor", "spark", "--spark-master",
                "local[2]");
        // Then both succeed and every file has the same bytes
        assertSameBytes(local, spark, dir, "hits.csv");
    }

    private static void assertSameBytes(SparkAssessTest.Run local, SparkAssessTest.Run spark, Path dir,
            String mainFile) throws Exception {
        assertThat(local.status()).as(local.err()).isZero();
        assertThat(spark.status()).as(spark.err()).isZero();
        List<String> files = new ArrayList<>(FILES);
        files.add(mainFile);
        for (String f : files) {
            assertThat(Files.readAllBytes(dir.resolve("spark").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("local").resolve(f)));
        }
    }

    private static SparkAssessTest.Run run(String[] study, Path out, String... executor) {
        List<String> args = new ArrayList<>(List.of(study));
        args.addAll(List.of("--quiet", "--out", out.toString()));
        args.addAll(List.of(executor));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = Main.run(args.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        return new SparkAssessTest.Run(status, o.toString(), e.toString());
    }
}
