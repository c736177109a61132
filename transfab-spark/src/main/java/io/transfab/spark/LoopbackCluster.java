package io.transfab.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A Spark standalone cluster on 127.0.0.1: a Master and one Worker, each a JVM of its own started
 * from this JVM's class path (the tests' or the launcher's). No Spark distribution is needed:
 * SPARK_HOME/jars is built from the class path's jars (symbolic links, with the jars their manifests
 * name) and a RELEASE file makes the Worker's launcher take it for a distribution. Class folders (the
 * tests' {@code target/classes}) reach the executors through {@code spark.executor.extraClassPath}.
 * Used by the cluster test and by {@code transfab bench scale-out}.
 */
final class LoopbackCluster implements io.transfab.sweep.LoopbackCluster {
    private final List<Process> processes = new ArrayList<>();
    private final String masterUrl;
    private final String transfabClassPath;

    private LoopbackCluster(String masterUrl, String transfabClassPath) {
        this.masterUrl = masterUrl;
        this.transfabClassPath = transfabClassPath;
    }

    /** Starts a Master and a Worker offering {@code cores} cores; {@code home} becomes SPARK_HOME. */
    static LoopbackCluster start(Path home, int cores) throws IOException {
        List<String> jars = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (String entry : classPath()) {
            (entry.endsWith(".jar") ? jars : classes).add(entry);
        }
        Path jarDir = Files.createDirectories(home.resolve("jars"));
        for (String jar : jars) {
            Path link = jarDir.resolve(Path.of(jar).getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, Path.of(jar));
            }
        }
        Files.writeString(home.resolve("RELEASE"), "Spark 3.5 (jars linked from the class path by transfab-spark)\n");
        Files.createDirectories(home.resolve("conf"));
        int port = freePort();
        LoopbackCluster c = new LoopbackCluster("spark://127.0.0.1:" + port, String.join(":", classes));
        try {
            c.launch(home, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    String.valueOf(port), "--webui-port", String.valueOf(freePort()));
            awaitPort(port);
            c.launch(home, "worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
                    String.valueOf(cores), "--memory", "3g", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", Files.createDirectories(home.resolve("work")).toString(), c.masterUrl);
        } catch (IOException | RuntimeException e) {
            c.stop();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.stop();
            throw new IOException("interrupted while starting the loopback cluster", e);
        }
        return c;
    }

    @Override
    public String masterUrl() {
        return masterUrl;
    }

    /**
     * The driver's settings for this cluster (as system properties, which SparkConf reads): executors of
     * {@code executorCores} cores each, at most {@code maxCores} in all, 1 GiB heap, the transfab classes.
     */
    @Override
    public Map<String, String> driverSettings(int executorCores, int maxCores) {
        String opens = System.getProperty("spark.addOpens", "");
        return Map.of("spark.executor.extraClassPath", transfabClassPath,
                "spark.executor.extraJavaOptions", opens + " -Dai.djl.offline=true"
                        + " -Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "spark.executorEnv.OMP_NUM_THREADS", "1",
                "spark.executor.memory", "1g",
                "spark.executor.cores", String.valueOf(executorCores),
                "spark.cores.max", String.valueOf(maxCores),
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1");
    }

    private void launch(Path home, String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        for (String opt : System.getProperty("spark.addOpens", "").split(" ")) {
            if (!opt.isBlank()) {
                cmd.add(opt);
            }
        }
        cmd.addAll(List.of("-cp", home.resolve("jars") + "/*", mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("OMP_NUM_THREADS", "1");
        processes.add(pb.start());
    }

    @Override
    public Cpu cpuSeconds() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (processes.stream().anyMatch(p -> p.descendants().findAny().isPresent())
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        double executors = 0;
        double daemons = 0;
        for (Process p : processes) {
            double[] own = procStat(p.pid());
            executors += own[1];
            daemons += own[0];
        }
        return new Cpu(executors, daemons);
    }

    /** A process's own CPU seconds and its reaped children's (utime + stime, cutime + cstime); NaN if unknown. */
    private static double[] procStat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the fields after the command name (which may hold spaces) in parentheses; utime is field 14
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double tick = 100.0; // USER_HZ, 100 on Linux whatever the kernel's HZ
            return new double[] {(Long.parseLong(f[11]) + Long.parseLong(f[12])) / tick,
                    (Long.parseLong(f[13]) + Long.parseLong(f[14])) / tick};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    /** Stops the Worker (and so its executors), then the Master. */
    @Override
    public void close() {
        stop();
    }

    /** Stops the processes, last started first; an interrupt forces them down at once (and is kept). */
    private void stop() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        processes.clear();
    }

    /** This JVM's class path (surefire's in tests), with the jars that jars' manifests name (the core's lib/). */
    private static List<String> classPath() throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Set<String> out = new LinkedHashSet<>();
        for (String e : cp.split(java.io.File.pathSeparator)) {
            if (!e.isBlank() && Files.exists(Path.of(e))) {
                out.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        for (String e : List.copyOf(out)) {
            if (e.endsWith(".jar")) {
                out.addAll(manifestClassPath(Path.of(e)));
            }
        }
        return List.copyOf(out);
    }

    private static List<String> manifestClassPath(Path jar) throws IOException {
        List<String> out = new ArrayList<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            Manifest m = f.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (cp != null) {
                for (String e : cp.trim().split("\\s+")) {
                    Path p = jar.getParent().resolve(e).normalize();
                    if (!e.isBlank() && Files.exists(p)) {
                        out.add(p.toAbsolutePath().toString());
                    }
                }
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(300);
            }
        }
        throw new IOException("the Spark master did not open port " + port + " within 90 s");
    }
}
