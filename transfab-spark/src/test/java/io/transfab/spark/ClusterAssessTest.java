package io.transfab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /**
     * The spark-submit command line of docs/scale-out.md, run as a distribution's {@code bin/spark-class}
     * runs it: Spark's launcher ({@code org.apache.spark.launcher.Main}, from SPARK_HOME/jars) builds the
     * driver's java command (class path, the --add-opens list, memory) from spark-submit's arguments, and
     * that command runs {@code org.apache.spark.deploy.SparkSubmit} with transfab's main class on the
     * cluster. SPARK_HOME/jars holds Spark's and the core's dependencies but no transfab class: the driver
     * and the executors get transfab only from the documented class path.
     */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theDocumentedSparkSubmitCommandWritesTheBytesOfALocalRun(@TempDir Path dir) throws Exception {
        // Given the built jars (CI packages the reactor first), the tables and a local run
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> built = List.of(root.resolve("target/transfab.jar"), root.resolve("target/lib"),
                root.resolve("transfab-spark/target/transfab-spark.jar"),
                root.resolve("transfab-spark/target/lib/jackson-module-scala_2.12-2.18.2.jar"));
        for (Path p : built) {
            assertThat(p).as("build the module first: mvn -B -f transfab-spark/reactor.xml package -DskipTests")
                    .exists();
        }
        String cp = built.get(0) + ":" + built.get(1) + "/*:" + built.get(2) + ":" + built.get(3);
        Path tables = Files.createDirectories(dir.resolve("tables"));
        AssessFixture.write(tables);
        SparkAssessTest.Run local = AssessFixture.assess(tables, dir.resolve("local"), "--executor", "local");
        Path home = dir.resolve("spark-home");
        int status;
        List<String> driver;
        try (LoopbackCluster c = LoopbackCluster.start(home, 2)) {
            assertThat(home.resolve("jars")).isDirectoryNotContaining("glob:**/transfab*.jar");
            // When the documented spark-submit line (no --spark-master: the master is spark-submit's) runs
            List<String> submit = new ArrayList<>(List.of("--class", "io.transfab.cli.Main", "--master",
                    c.masterUrl(), "--driver-class-path", cp, "--conf", "spark.executor.extraClassPath=" + cp,
                    "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2", "--conf", "spark.task.cpus=1",
                    "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.memoryOverhead=1g",
                    "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                    "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                    "--driver-java-options", "-Dai.djl.offline=true",
                    "--conf", "spark.executor.extraJavaOptions=-Dai.djl.offline=true",
                    built.get(2).toString()));
            submit.addAll(AssessFixture.arguments(tables, dir.resolve("submitted")));
            submit.addAll(List.of("--executor", "spark"));
            driver = sparkClass(home, submit);
            assertThat(driver).as("Spark's launcher adds the Java 17 --add-opens list itself")
                    .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
                    .contains("org.apache.spark.deploy.SparkSubmit");
            status = run(home, driver, dir.resolve("driver.log"));
        }
        assertThat(driver.get(driver.indexOf("-cp") + 1)).as("the driver's class path starts with the documented one")
                .startsWith(cp + ":");
        assertThat(executorCommands(home)).as("every executor's class path starts with the documented one")
                .isNotEmpty().allSatisfy(c -> assertThat(c).contains("\"-cp\" \"" + cp + ":"));
        // Then it succeeds and has the bytes of the local run
        assertThat(local.status()).as(local.err()).isZero();
        assertThat(status).as(Files.readString(dir.resolve("driver.log"))).isZero();
        assertThat(Files.readAllBytes(dir.resolve("submitted/predictions.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("local/predictions.csv")));
        assertThat(AssessFixture.metricsWithoutTimingAndExecutor(dir.resolve("submitted")))
                .isEqualTo(AssessFixture.metricsWithoutTimingAndExecutor(dir.resolve("local")));
    }

    /** What {@code bin/spark-class} does: the launcher prints the command, NUL-separated, and it is run. */
    private static List<String> sparkClass(Path home, List<String> submitArgs) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", home.resolve("jars") + "/*", "org.apache.spark.launcher.Main",
                "org.apache.spark.deploy.SparkSubmit"));
        cmd.addAll(submitArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        environment(pb, home);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(p.waitFor()).as("Spark's launcher").isZero();
        // spark-class reads each argument with bash's read, which trims the surrounding white space (the
        // launcher starts its output with a line break)
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\0")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** The command line the Worker started each executor with (the first line of its stderr file). */
    private static List<String> executorCommands(Path home) throws IOException {
        try (var files = Files.walk(home.resolve("work"))) {
            List<String> out = new ArrayList<>();
            for (Path f : files.filter(f -> f.getFileName().toString().equals("stderr")).sorted().toList()) {
                out.add(Files.readAllLines(f).get(0));
            }
            return out;
        }
    }

    private static int run(Path home, List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        environment(pb, home);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            return -1;
        }
        return p.exitValue();
    }

    private static void environment(ProcessBuilder pb, Path home) {
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_NUM_THREADS", "1");
    }
}
