package io.transfab.spark;

import io.transfab.assess.AssessmentRun;
import io.transfab.assess.Method;
import io.transfab.assess.SplitResult;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.sweep.LocalSweepExecutor;
import io.transfab.sweep.SweepExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out benchmark of docs/scale-out.md (not a timed test: it asserts nothing about time and
 * runs only when asked, {@code -Dgroups=bench}): 3 sizes x 10 draws x 4 methods plus a 5-fold
 * resampling, on local threads, Spark local[2], and a loopback cluster with 1 and 2 executors. Writes
 * the table to {@code target/scale-out.md}.
 */
@Tag("bench")
class ScaleOutBench {
    /** The protocol's defaults; -Dbench.draws, -Dbench.methods and -Dbench.source=false shrink it on a busy machine. */
    private static final int DRAWS = Integer.getInteger("bench.draws", 10);
    private static final List<Method> METHODS = Arrays.stream(System.getProperty("bench.methods",
            "ridge,gp,mlp,full").split(",")).map(Method::fromCliName).toList();
    private static final boolean WITH_SOURCE = Boolean.parseBoolean(System.getProperty("bench.source", "true"));

    @Test
    void scaleOutTable(@TempDir Path dir) throws Exception {
        Table source = WITH_SOURCE ? ElectrodeSimulator.of(Chemistry.NMC).simulate(300, 1) : null;
        Table target = ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE).simulate(60, 2);
        AssessmentRun.Settings s = new AssessmentRun.Settings(List.of(AssessFixture.FEATURES.split(",")),
                List.of("density_g_cm3"), List.of(), List.of(5, 10, 20), DRAWS, METHODS, "kfold", 5, 1, null, 1, 2, 42,
                Method.RIDGE);
        List<String> rows = new ArrayList<>();
        Measured local = measure(source, target, s, LocalSweepExecutor.of(2), dir.resolve("local"));
        rows.add(row("local, 2 threads", 2, local));
        Measured sparkLocal = measure(source, target, s, SparkSweepExecutor.of("local[2]"), dir.resolve("sl"));
        rows.add(row("Spark local[2]", 2, sparkLocal));
        Measured one;
        Measured two;
        try (LoopbackCluster c = LoopbackCluster.start(dir.resolve("spark-home"), 2)) {
            one = onCluster(c, 1, source, target, s, dir.resolve("c1"));
            rows.add(row("loopback cluster, 1 executor x 1 core", 1, one));
            two = onCluster(c, 2, source, target, s, dir.resolve("c2"));
            rows.add(row("loopback cluster, 2 executors x 1 core", 2, two));
        }
        // the projection: LPT schedule of (task time + overhead) on c cores, overhead fitted on the 1-executor point
        double overhead = (one.wall() - sum(one.taskSeconds())) / one.taskSeconds().length;
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Sizes 5, 10, 20 x %d draws x %s%s, "
                + "plus a 5-fold resampling of the 60-row target.%n%n", DRAWS, String.join(", ",
                METHODS.stream().map(Method::cliName).toList()), WITH_SOURCE ? " (300 source rows)" : " (no source)"));
        md.append("| run | cores | tasks | wall of the splits (s) | sum of task times (s) | overhead per task (s) |\n");
        md.append("|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append(String.format(Locale.ROOT, "%nOverhead per task fitted on the 1-executor point: %.3f s. "
                + "Check against the 2-executor point: projected %.1f s, measured %.1f s.%n%n", overhead,
                project(one.taskSeconds(), overhead, 2), two.wall()));
        md.append("| executor cores | projected wall of the splits (s) |\n|---|---|\n");
        for (int cores : new int[] {1, 2, 8, 32, 128}) {
            md.append(String.format(Locale.ROOT, "| %d | %.1f |%n", cores, project(one.taskSeconds(), overhead,
                    cores)));
        }
        double[] sorted = one.taskSeconds().clone();
        Arrays.sort(sorted);
        md.append(String.format(Locale.ROOT, "%nTask times (1-executor run): %d tasks, median %.2f s, "
                + "90th percentile %.2f s, longest %.2f s.%n", sorted.length, sorted[sorted.length / 2],
                sorted[(int) Math.floor(0.9 * (sorted.length - 1))], sorted[sorted.length - 1]));
        Path out = Path.of("target", "scale-out.md");
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    private static Measured onCluster(LoopbackCluster c, int executors, Table source, Table target,
            AssessmentRun.Settings s, Path out) throws Exception {
        Map<String, String> settings = c.driverSettings(1, executors);
        settings.forEach(System::setProperty);
        try {
            return measure(source, target, s, SparkSweepExecutor.of(c.masterUrl()), out);
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    /** Wall time of the splits phase and each unit's compute time (its methods' training and scoring). */
    record Measured(double wall, double[] taskSeconds) {
    }

    private static Measured measure(Table source, Table target, AssessmentRun.Settings s, SweepExecutor executor,
            Path out) throws Exception {
        AssessmentRun.Outcome o = AssessmentRun.run(source, target, null, s, OutputTarget.of(out,
                OutputKind.ASSESSMENT), null, executor, (t, d, n) -> { });
        List<SplitResult.Unit> units = o.summary().units();
        double[] t = new double[units.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = units.get(i).selectionSeconds();
            for (SplitResult r : units.get(i).results()) {
                t[i] += r.seconds();
            }
        }
        return new Measured(o.phaseSeconds().get("splits"), t);
    }

    private static String row(String name, int cores, Measured m) {
        double total = sum(m.taskSeconds());
        return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.3f |", name, cores, m.taskSeconds().length,
                m.wall(), total, (cores * m.wall() - total) / m.taskSeconds().length);
    }

    /** Makespan of the longest-processing-time-first schedule of (t_i + overhead) on {@code cores} cores. */
    static double project(double[] taskSeconds, double overhead, int cores) {
        double[] t = taskSeconds.clone();
        Arrays.sort(t);
        PriorityQueue<Double> load = new PriorityQueue<>();
        for (int i = 0; i < cores; i++) {
            load.add(0.0);
        }
        for (int i = t.length - 1; i >= 0; i--) {
            load.add(load.poll() + t[i] + overhead);
        }
        double max = 0;
        for (double l : load) {
            max = Math.max(max, l);
        }
        return max;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
