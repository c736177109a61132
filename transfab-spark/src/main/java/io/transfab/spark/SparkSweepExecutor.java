package io.transfab.spark;

import io.transfab.data.DataException;
import io.transfab.sweep.Sweep;
import io.transfab.sweep.SweepExecutor;
import io.transfab.sweep.SweepJob;
import io.transfab.sweep.SweepResult;
import io.transfab.sweep.SweepTask;
import io.transfab.sweep.SweepTaskFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Runs a sweep on Apache Spark (RDD API): the job is broadcast once, every task is a one-partition
 * Spark job of its own, so that each result reaches the driver (and the sweep's resumable store)
 * as soon as it finishes, and Spark retries a failed task up to {@code spark.task.maxFailures}
 * times. A task's result depends on its key only (never on the partition, executor or attempt).
 */
public final class SparkSweepExecutor implements SweepExecutor {
    /** Test hook: the key of a task whose first attempt throws (Spark must retry it). */
    public static final String FAIL_FIRST_ATTEMPT = "transfab.spark.failFirstAttempt";
    /** Test hook: the key of a task that throws on every attempt. */
    public static final String FAIL_EVERY_ATTEMPT = "transfab.spark.failEveryAttempt";
    /** Attempts per task in local mode, as {@code spark.task.maxFailures}' default on a cluster. */
    static final int LOCAL_ATTEMPTS = 4;
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)]");
    private static final long POLL_MILLIS = 20;

    private final String master;
    private final Map<String, String> settings;

    private SparkSweepExecutor(String master, Map<String, String> settings) {
        this.master = master;
        this.settings = Map.copyOf(settings);
    }

    /**
     * @param master a Spark master URL, or null: the one spark-submit set ({@code spark.master}),
     *               else {@code local[*]}. {@code local[N]} is run as {@code local[N,4]}: each task
     *               gets as many attempts as on a cluster (write {@code local[N,F]} for another F).
     */
    public static SparkSweepExecutor of(String master) {
        return new SparkSweepExecutor(master, Map.of());
    }

    /** As {@link #of(String)} with Spark settings that take precedence over the JVM's system properties. */
    public static SparkSweepExecutor of(String master, Map<String, String> settings) {
        return new SparkSweepExecutor(master, settings);
    }

    /** The master the run uses. */
    String resolvedMaster(SparkConf conf) {
        String m = master != null ? master : conf.get("spark.master", "local[*]");
        Matcher local = LOCAL.matcher(m.strip());
        return local.matches() ? "local[" + local.group(1) + "," + LOCAL_ATTEMPTS + "]" : m.strip();
    }

    @Override
    public String description() {
        return "spark " + resolvedMaster(new SparkConf());
    }

    @Override
    public void run(Sweep sweep, Consumer<SweepResult> onResult) {
        if (sweep.job() == null) {
            throw DataException.option("--executor spark does not apply: " + sweep.whyLocalOnly());
        }
        if (sweep.tasks().isEmpty()) {
            return;
        }
        SparkConf conf = new SparkConf().setAppName("transfab " + sweep.name());
        settings.forEach(conf::set);
        conf.setMaster(resolvedMaster(conf));
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        JavaSparkContext sc = new JavaSparkContext(conf);
        try {
            sc.setLogLevel("WARN");
            SweepJob job = sweep.job().get();
            Broadcast<SweepJob> shared = sc.broadcast(job);
            SparkTask function = new SparkTask(shared, System.getProperty(FAIL_FIRST_ATTEMPT),
                    System.getProperty(FAIL_EVERY_ATTEMPT));
            Map<SweepTask, JavaFutureAction<List<SweepResult>>> running = new LinkedHashMap<>();
            for (SweepTask task : sweep.tasks()) {
                running.put(task, sc.parallelize(List.of(task), 1).map(function).collectAsync());
            }
            await(running, onResult);
        } finally {
            sc.stop();
        }
    }

    /** Hands results over as they finish; the first failure cancels the rest and is thrown. */
    private static void await(Map<SweepTask, JavaFutureAction<List<SweepResult>>> running,
            Consumer<SweepResult> onResult) {
        try {
            while (!running.isEmpty()) {
                List<SweepTask> finished = new ArrayList<>();
                for (Map.Entry<SweepTask, JavaFutureAction<List<SweepResult>>> e : running.entrySet()) {
                    if (e.getValue().isDone()) {
                        finished.add(e.getKey());
                    }
                }
                for (SweepTask t : finished) {
                    List<SweepResult> r = get(t, running.remove(t));
                    onResult.accept(r.get(0));
                }
                if (finished.isEmpty()) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; rerun the same command to resume", e);
        } finally {
            running.values().forEach(f -> f.cancel(true));
        }
    }

    private static List<SweepResult> get(SweepTask task, JavaFutureAction<List<SweepResult>> f)
            throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw failure(task, e.getCause() == null ? e : e.getCause());
        }
    }

    /** The task's own failure (bad input, or the failure naming its unit), else Spark's in one line. */
    static RuntimeException failure(SweepTask task, Throwable sparkError) {
        for (Throwable t = sparkError; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataException d) {
                return d;
            }
            if (t instanceof SweepTaskFailure f) {
                return SweepTaskFailure.of(f.getMessage() + " (after every attempt Spark allows)");
            }
        }
        String message = sparkError.getMessage() == null ? sparkError.getClass().getSimpleName()
                : sparkError.getMessage().lines().findFirst().orElse("");
        return SweepTaskFailure.of("task " + task.key() + " failed on Spark: " + message);
    }
}
