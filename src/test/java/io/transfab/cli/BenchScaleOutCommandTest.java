package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench scale-out} without the transfab-spark module (the core's class path): one line, exit 2, nothing written. */
class BenchScaleOutCommandTest {
    @Test
    void withoutTheSparkModuleItSaysHowToBuildIt(@TempDir Path dir) throws Exception {
        // Given the core alone on the class path
        Path out = dir.resolve("bench");
        // When the scale-out bench is asked for
        CliTestSupport.Run r = CliTestSupport.run("bench", "scale-out", "--draws", "1", "--methods", "ridge",
                "--source-rows", "0", "--out", out.toString());
        // Then it exits 2 with the one line naming the build command, and writes nothing
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("mvn -B -f transfab-spark/reactor.xml package -DskipTests");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aTransferMethodWithoutASourceIsBadInput(@TempDir Path dir) throws Exception {
        // Given --source-rows 0 with the full fine-tuning
        CliTestSupport.Run r = CliTestSupport.run("bench", "scale-out", "--methods", "ridge,full", "--source-rows",
                "0", "--out", dir.resolve("bench").toString());
        // Then it exits 2 naming the option
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--source-rows 0");
    }
}
