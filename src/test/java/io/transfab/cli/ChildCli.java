package io.transfab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real CLI ({@link Main}) in a child JVM, the way a user's shell does, so that a test can kill it
 * with SIGKILL ({@link Process#destroyForcibly()} on Linux) at any moment: no shutdown hook, no finally
 * block runs. The child uses the test JVM's java and class path (surefire's manifest-only booter jar works
 * as a class path entry).
 */
final class ChildCli {
    /** An uninterrupted run may take this long on a loaded machine before the test gives up on it. */
    private static final long COMPLETE_TIMEOUT_S = 600;

    /**
     * How a child run ended.
     *
     * @param killed whether the test killed it (false: it exited by itself before the kill moment)
     * @param exitCode the child's exit status (137 after SIGKILL)
     * @param millis wall time from start to end
     * @param output stdout and stderr of the child
     */
    record Ending(boolean killed, int exitCode, long millis, String output) {
    }

    private final Path logs;
    private int runs;

    private ChildCli(Path logs) {
        this.logs = logs;
    }

    /** A runner whose children write their output to files in {@code logs}. */
    static ChildCli of(Path logs) throws IOException {
        return new ChildCli(Files.createDirectories(logs));
    }

    /** Runs the command to its end. */
    Ending complete(String... args) throws IOException, InterruptedException {
        return run(COMPLETE_TIMEOUT_S * 1000, args);
    }

    /** Runs the command and kills it with SIGKILL {@code killAtMillis} after its start unless it ended before. */
    Ending killAt(long killAtMillis, String... args) throws IOException, InterruptedException {
        return run(killAtMillis, args);
    }

    private Ending run(long limitMillis, String... args) throws IOException, InterruptedException {
        Path log = logs.resolve("child-" + (++runs) + ".log");
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx768m", "-Dai.djl.offline=true",
                "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean ended = p.waitFor(limitMillis, TimeUnit.MILLISECONDS);
        if (!ended) {
            p.destroyForcibly();
            p.waitFor();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new Ending(!ended, p.exitValue(), millis, Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The java executable of this JVM. */
    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
