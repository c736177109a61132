package io.transfab.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.assess.AssessmentRun;
import io.transfab.assess.Method;
import io.transfab.data.AtomicOutput;
import io.transfab.data.DataException;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.sweep.ExecutorKind;
import io.transfab.sweep.LocalSweepExecutor;
import io.transfab.sweep.LoopbackCluster;
import io.transfab.sweep.ScaleOutModel;
import io.transfab.sweep.SweepExecutor;
import io.transfab.sweep.SweepExecutorProvider;
import io.transfab.sweep.SweepExecutors;
import io.transfab.sweep.SweepResult;
import io.transfab.sweep.SweepTiming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code transfab bench scale-out}: the same assessment (sizes x draws x methods plus a k-fold
 * resampling of the target) on local threads, Spark {@code local[2]} and a loopback standalone
 * cluster with 1 and 2 executors of one core; the measured wall times and overheads, and the wall
 * time projected for more executor cores by {@link ScaleOutModel} (fitted on the 1-executor run,
 * checked against the 2-executor run). Writes scale-out.md and scale-out.json (docs/scale-out.md).
 */
public final class BenchScaleOut {
    /** Executor cores the projection table lists. */
    private static final int[] PROJECTED = {1, 2, 8, 32, 128};

    private BenchScaleOut() {
    }

    /**
     * @param sourceRows simulated NMC source rows (0: no source, only methods without transfer)
     * @param targetRows the silicon-graphite target's rows (the resampling's pool)
     */
    public record Options(List<Integer> sizes, int draws, List<Method> methods, int sourceRows, int targetRows,
            int folds, long seed, Path out, boolean force) {
        public Options {
            sizes = List.copyOf(sizes);
            methods = List.copyOf(methods);
            Objects.requireNonNull(out, "--out");
            if (draws < 1) {
                throw DataException.option("--draws must be >= 1; got " + draws);
            }
            if (methods.isEmpty()) {
                throw DataException.option("--methods needs at least one method");
            }
            if (sourceRows == 0 && methods.stream().anyMatch(Method::isTransfer)) {
                throw DataException.option("--source-rows 0 leaves no source for the transfer methods "
                        + methods.stream().filter(Method::isTransfer).map(Method::cliName).toList());
            }
            if (sourceRows < 0 || targetRows < 10 || folds < 2) {
                throw DataException.option("--source-rows must be >= 0, --target-rows >= 10 and --folds >= 2");
            }
        }
    }

    /**
     * One measured run.
     *
     * @param driverCpuSeconds   CPU seconds of this JVM (the driver; with local threads the tasks too) during the run
     * @param clusterCpuSeconds  CPU seconds of the loopback cluster's executors and of its Master and Worker during
     *                           the run; null for runs in this JVM
     * @param machineCpuSeconds  busy CPU seconds of the whole machine (every process, other users' too) during the
     *                           run; NaN where the operating system does not tell
     */
    public record Run(String name, int cores, SweepTiming timing, double driverCpuSeconds,
            LoopbackCluster.Cpu clusterCpuSeconds, double machineCpuSeconds) {
    }

    /**
     * @param runs      local (2 threads), Spark local[2], cluster 1 x 1, cluster 2 x 1
     * @param model the projection fitted on the 1-executor run
     */
    public record Result(List<Run> runs, ScaleOutModel model, String markdown) {
        public Result {
            runs = List.copyOf(runs);
        }
    }

    public static Result run(Options o, JobListener listener, Cancellation cancellation) throws IOException {
        SweepExecutorProvider spark = SweepExecutors.provider(ExecutorKind.SPARK);
        OutputTarget destination = Outputs.directory(o.out(), OutputKind.BENCH, o.force());
        Table source = o.sourceRows() == 0 ? null : ElectrodeSimulator.of(Chemistry.NMC).simulate(o.sourceRows(),
                Seeds.derive(o.seed(), "source"));
        Table target = ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE).simulate(o.targetRows(),
                Seeds.derive(o.seed(), "target"));
        AssessmentRun.Settings s = new AssessmentRun.Settings(List.of("am_wt_pct", "cb_binder_ratio",
                "solid_content_wt_pct", "comma_gap_um", "coating_speed_m_min", "drying_temp_c",
                "calender_line_load_n_mm"), List.of("density_g_cm3"), List.of(), o.sizes(), o.draws(), o.methods(),
                "kfold", o.folds(), 1, null, 1, 2, o.seed(), Method.RIDGE);
        Progress progress = cancellation.watching(listener);
        int cores = Runtime.getRuntime().availableProcessors();
        Path scratch = Files.createTempDirectory("transfab-scale-out");
        List<Run> runs = new ArrayList<>();
        try {
            runs.add(measure("local, 2 threads", 2, source, target, s, LocalSweepExecutor.of(2), null,
                    scratch.resolve("local"), progress));
            cancellation.check();
            runs.add(measure("Spark local[2]", 2, source, target, s, spark.create("local[2]", 2, Map.of()), null,
                    scratch.resolve("spark-local"), progress));
            cancellation.check();
            try (LoopbackCluster c = spark.startLoopbackCluster(scratch.resolve("spark-home"), 2)) {
                for (int executors = 1; executors <= 2; executors++) {
                    SweepExecutor e = spark.create(c.masterUrl(), 2, c.driverSettings(1, executors));
                    runs.add(measure("loopback cluster, " + executors + " executor" + (executors == 1 ? "" : "s")
                            + " x 1 core", executors, source, target, s, e, c, scratch.resolve("cluster-"
                            + executors), progress));
                    cancellation.check();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the loopback cluster", e);
            }
        } finally {
            deleteTree(scratch);
        }
        ScaleOutModel model = ScaleOutModel.fit(runs.get(2).timing(), runs.get(1).timing());
        String md = markdown(o, runs, model, cores);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("options", o.toString());
        json.put("runs", runs);
        json.put("model", model);
        json.put("cores", cores);
        Map<String, Double> projected = new LinkedHashMap<>();
        for (int c : PROJECTED) {
            projected.put(String.valueOf(c), model.projectIdle(c));
        }
        json.put("projectedIdleCores", projected);
        AtomicOutput.writeDirectory(destination, dir -> {
            AtomicOutput.writeString(dir.resolve("scale-out.md"), md);
            AtomicOutput.writeString(dir.resolve("scale-out.json"), Json.toString(json) + "\n");
        });
        Outputs.replaced(destination).forEach(listener::info);
        Printed.info(ps -> {
            ps.print(md);
            ps.println("Wrote " + o.out().resolve("scale-out.md") + ", scale-out.json");
        }, listener);
        return new Result(runs, model, md);
    }

    /** @param cluster the loopback cluster the executor runs on (its CPU is measured), or null */
    private static Run measure(String name, int cores, Table source, Table target, AssessmentRun.Settings s,
            SweepExecutor executor, LoopbackCluster cluster, Path out, Progress progress) throws IOException {
        SweepTiming.Recorder recorder = new SweepTiming.Recorder(executor, BenchScaleOut::computeSeconds);
        LoopbackCluster.Cpu before = cluster == null ? null : cluster.cpuSeconds();
        AssessmentRun.Outcome outcome = AssessmentRun.run(source, target, null, s, OutputTarget.of(out,
                OutputKind.ASSESSMENT), null, recorder, progress);
        LoopbackCluster.Cpu after = cluster == null ? null : cluster.cpuSeconds();
        return new Run(name, cores, recorder.timing(outcome.phaseSeconds().get("splits")), recorder.runCpuSeconds(),
                cluster == null ? null : new LoopbackCluster.Cpu(after.executors() - before.executors(),
                        after.daemons() - before.daemons()), recorder.runMachineCpuSeconds());
    }

    /** A task's own compute: the training times ({@code seconds}, {@code selectionSeconds}) its result holds. */
    static double computeSeconds(SweepResult r) {
        if (r.value() == null) {
            return 0;
        }
        try {
            return sumSeconds(Json.MAPPER.readTree(r.value()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double sumSeconds(JsonNode n) {
        double s = 0;
        if (n.isObject()) {
            var fields = n.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if ((f.getKey().equals("seconds") || f.getKey().equals("selectionSeconds")) && f.getValue().isNumber()) {
                    s += f.getValue().asDouble();
                } else {
                    s += sumSeconds(f.getValue());
                }
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) {
                s += sumSeconds(e);
            }
        }
        return s;
    }

    private static String markdown(Options o, List<Run> runs, ScaleOutModel m, int cores) {
        StringBuilder md = new StringBuilder();
        int n = runs.get(0).timing().keys().size();
        md.append(String.format(Locale.ROOT, "Sizes %s x %d draws x %s%s, plus a %d-fold resampling of the "
                + "%d-row target: %d tasks, on %d cores.%n%n", o.sizes().stream().map(String::valueOf).toList(),
                o.draws(), o.methods().stream().map(Method::cliName).toList(), o.sourceRows() == 0 ? " (no source)"
                        : " (" + o.sourceRows() + " source rows)", o.folds(), o.targetRows(), n, cores));
        md.append("| run | cores | wall of the splits (s) | executor run (s) | sum of task times (s) | first result "
                + "minus its task (s) | overhead per task (s) | CPU during the run: driver / executors / Master + "
                + "Worker (s) | CPU of the whole machine during the run (s) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            SweepTiming t = r.timing();
            int f = t.firstArrival();
            LoopbackCluster.Cpu c = r.clusterCpuSeconds();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.3f | %.1f / %s | %.1f |%n",
                    r.name(), r.cores(), t.wallSeconds(), t.runSeconds(), t.totalTaskSeconds(),
                    t.arrivalSeconds().get(f) - t.taskSeconds().get(f), t.overheadPerTask(r.cores()),
                    r.driverCpuSeconds(), c == null ? "- / -" : String.format(Locale.ROOT, "%.1f / %.1f",
                            c.executors(), c.daemons()), r.machineCpuSeconds()));
        }
        SweepTiming local = runs.get(0).timing();
        SweepTiming one = runs.get(2).timing();
        SweepTiming two = runs.get(3).timing();
        double k = ScaleOutModel.contention(local, one);
        Run fitted = runs.get(2);
        double executorCpu = fitted.clusterCpuSeconds().executors();
        double otherCpu = fitted.machineCpuSeconds() - executorCpu;
        double beside = Math.max(0, executorCpu - one.totalTaskSeconds()) / one.runSeconds();
        double kCpu = ScaleOutModel.contentionFromCpu(executorCpu, one.totalTaskSeconds(), otherCpu, one.runSeconds(),
                2, cores);
        md.append(String.format(Locale.ROOT, "%nModel fitted on the 1-executor run: driver around the tasks D = "
                + "%.1f s, context start-up S_ctx = %.1f s (from Spark local[2]), executor start-up S_exec = %.1f s, "
                + "overhead per task o = %.3f s, tail E = %.1f s.%n%n", m.driverSeconds(), m.contextStartup(),
                m.executorStartup(), m.perTask(), m.tail()));
        md.append(String.format(Locale.ROOT, "Check against the 2-executor run, measured %.1f s:%n%n"
                + "- projected %.1f s with the contention factor k = %.2f estimated from the local 2-thread run "
                + "(its sum of task times over the 1-executor run's; the 2-executor run's own was %.2f);%n"
                + "- projected %.1f s with k = %.2f from the 1-executor run's CPU use (processor sharing: its "
                + "executor used %.2f cores beside its task's, the rest of the machine (driver, Master, Worker, "
                + "other users) %.2f; 2 busy executors want %.2f of the %d);%n"
                + "- projected %.1f s from the 2-executor run's own task times (the overhead terms alone);%n"
                + "- the previous model (LPT of t_i + (W_1 - sum t) / n): %.1f s.%n%n", two.wallSeconds(),
                m.project(2, k), k, two.totalTaskSeconds() / one.totalTaskSeconds(), m.project(2, kCpu), kCpu,
                beside, otherCpu / one.runSeconds(), 2 * (1 + beside) + otherCpu / one.runSeconds(), cores,
                m.projectGivenTasks(two, 2),
                ScaleOutModel.naive(one, 2)));
        md.append("| executor cores (idle, one per task) | projected wall of the splits (s) |\n|---|---|\n");
        for (int c : PROJECTED) {
            md.append(String.format(Locale.ROOT, "| %d | %.1f |%n", c, m.projectIdle(c)));
        }
        List<Double> sorted = new ArrayList<>(m.taskSeconds());
        sorted.sort(Comparator.naturalOrder());
        md.append(String.format(Locale.ROOT, "%nTask times (1-executor run): %d tasks, median "
                + "%.2f s, 90th percentile %.2f s, longest %.2f s.%n", sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.floor(0.9 * (sorted.size() - 1))), sorted.get(sorted.size() - 1)));
        return md.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
