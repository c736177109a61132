package io.transfab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** assess on a real standalone cluster (Master and Worker JVMs on loopback) against a local run. */
@Tag("cluster")
class ClusterAssessTest {
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aStandaloneClusterWritesTheBytesOfALocalRun(@TempDir Path dir) throws Exception {
        // Given the small assessment's tables and a loopback cluster of one worker with 2 cores
        Path tables = Files.createDirectories(dir.resolve("tables"));
        AssessFixture.write(tables);
        SparkAssessTest.Run local = AssessFixture.assess(tables, dir.resolve("local"), "--executor", "local");
        SparkAssessTest.Run cluster;
        try (LoopbackCluster c = LoopbackCluster.start(dir.resolve("spark-home"), 2)) {
            Map<String, String> settings = c.driverSettings(1, 2);
            settings.forEach(System::setProperty);
            try {
                // When the assessment is submitted to it
                cluster = AssessFixture.assess(tables, dir.resolve("cluster"), "--executor", "spark",
                        "--spark-master", c.masterUrl());
            } finally {
                settings.keySet().forEach(System::clearProperty);
            }
        }
        // Then it has the bytes of the local run
        assertThat(local.status()).as(local.err()).isZero();
        assertThat(cluster.status()).as(cluster.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("cluster/predictions.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("local/predictions.csv")));
        assertThat(AssessFixture.metricsWithoutTimingAndExecutor(dir.resolve("cluster")))
                .isEqualTo(AssessFixture.metricsWithoutTimingAndExecutor(dir.resolve("local")));
    }
}
