package io.transfab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.cli.Main;
import io.transfab.data.CsvWriter;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code select-source --executor spark} on {@code local[2]} ranks exactly as the local run does. */
@Tag("spark")
class SparkSelectSourceTest {
    @Test
    void sparkWritesTheRankingOfALocalRun(@TempDir Path dir) throws Exception {
        // Given two candidate sources and a small target
        CsvWriter.write(ElectrodeSimulator.of(Chemistry.NMC).simulate(120, 1), dir.resolve("nmc.csv"));
        CsvWriter.write(ElectrodeSimulator.of(Chemistry.GRAPHITE).simulate(120, 2), dir.resolve("graphite.csv"));
        CsvWriter.write(ElectrodeSimulator.of(Chemistry.NMC).simulate(15, 3), dir.resolve("target.csv"));
        // When ranking them on local threads and on Spark local[2]
        SparkAssessTest.Run local = select(dir, dir.resolve("local"), "--executor", "local");
        SparkAssessTest.Run spark = select(dir, dir.resolve("spark"), "--executor", "spark", "--spark-master",
                "local[2]");
        // Then the rankings are the same bytes
        assertThat(local.status()).as(local.err()).isZero();
        assertThat(spark.status()).as(spark.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("spark/ranking.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("local/ranking.csv")));
        assertThat(Files.readString(dir.resolve("spark/ranking.json")))
                .isEqualTo(Files.readString(dir.resolve("local/ranking.json")));
    }

    private static SparkAssessTest.Run select(Path dir, Path out, String... executor) {
        List<String> args = new ArrayList<>(List.of("select-source", "--source", dir.resolve("nmc.csv").toString(),
                "--source", dir.resolve("graphite.csv").toString(), "--target", dir.resolve("target.csv").toString(),
                "--features", AssessFixture.FEATURES, "--targets", "porosity", "--folds", "3", "--cv-epochs", "30",
                "--epochs", "30", "--hidden", "16,16", "--ensemble", "1", "--pretrain", "none", "--quiet",
                "--out", out.toString()));
        args.addAll(List.of(executor));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = Main.run(args.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        return new SparkAssessTest.Run(status, o.toString(), e.toString());
    }
}
