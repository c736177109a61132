package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The design studies' {@code --executor}: without the transfab-spark module, spark is one line and exit 2. */
class StudyExecutorTest {
    @Test
    void sparkWithoutTheModuleSaysHowToBuildIt(@TempDir Path dir) throws Exception {
        for (String study : new String[] {"active-learning", "inverse-design"}) {
            // Given the core alone on the class path
            Path out = dir.resolve(study);
            // When a study is asked to run on Spark
            CliTestSupport.Run r = CliTestSupport.run("study", study, "--seeds", "1", "--executor", "spark",
                    "--out", out.toString());
            // Then it exits 2 with the one line naming the build command, and writes nothing
            assertThat(r.status()).as(study).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(study).hasSize(1);
            assertThat(r.err()).as(study).contains("mvn -B -f transfab-spark/reactor.xml package -DskipTests");
            assertThat(Files.exists(out)).as(study).isFalse();
        }
    }

    @Test
    void aSparkMasterNeedsTheSparkExecutor(@TempDir Path dir) throws Exception {
        // Given --spark-master with the local executor
        CliTestSupport.Run r = CliTestSupport.run("study", "inverse-design", "--seeds", "1", "--spark-master",
                "local[2]", "--out", dir.resolve("s").toString());
        // Then it exits 2 naming the option
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--spark-master needs --executor spark");
    }
}
