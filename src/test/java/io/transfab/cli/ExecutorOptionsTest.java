package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvWriter;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorOptionsTest {
    private static String[] assess(Path dir, String... executor) throws Exception {
        CsvWriter.write(ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE).simulate(12, 2), dir.resolve("t.csv"));
        String[] base = {"assess", "--target", dir.resolve("t.csv").toString(), "--features", "am_wt_pct,"
                + "drying_temp_c", "--targets", "density_g_cm3", "--methods", "ridge", "--sizes", "6", "--repeats",
                "1", "--quiet", "--out", dir.resolve("out").toString()};
        String[] all = new String[base.length + executor.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(executor, 0, all, base.length, executor.length);
        return all;
    }

    @Test
    void sparkWithoutTheModuleIsOneLineSayingHowToBuildIt(@TempDir Path dir) throws Exception {
        // Given the core alone on the class path (the transfab-spark module is not)
        // When assessing with --executor spark
        CliTestSupport.Run r = CliTestSupport.run(assess(dir, "--executor", "spark"));
        // Then exit 2 with one line naming the build command, and nothing written
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("transfab-spark").contains("mvn -B -f transfab-spark/reactor.xml package");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aSparkMasterWithTheLocalExecutorAndAnUnknownExecutorAreBadInput(@TempDir Path dir) throws Exception {
        // Given --spark-master without --executor spark, and an executor that does not exist
        CliTestSupport.Run master = CliTestSupport.run(assess(dir, "--spark-master", "local[2]"));
        CliTestSupport.Run unknown = CliTestSupport.run(assess(dir, "--executor", "yarn"));
        // Then both are exit 2 with one line
        assertThat(master.status()).isEqualTo(2);
        assertThat(master.err()).contains("--spark-master needs --executor spark");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown --executor 'yarn'; choose one of local, spark");
    }
}
