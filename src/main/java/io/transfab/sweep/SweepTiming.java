package io.transfab.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * When the results of one sweep run arrived, for the scale-out benchmark (docs/scale-out.md).
 *
 * @param keys           the tasks' keys in submission order
 * @param taskSeconds    each task's own compute time (measured inside the task), in that order
 * @param arrivalSeconds when each result reached the driver, from the executor's start, in that order
 * @param runSeconds     how long the executor ran (its start-up, the tasks and its stop)
 * @param wallSeconds    the whole phase the run belongs to (the driver's work around it included)
 */
public record SweepTiming(List<String> keys, List<Double> taskSeconds, List<Double> arrivalSeconds,
        double runSeconds, double wallSeconds) {
    public SweepTiming {
        keys = List.copyOf(keys);
        taskSeconds = List.copyOf(taskSeconds);
        arrivalSeconds = List.copyOf(arrivalSeconds);
        if (keys.isEmpty() || taskSeconds.size() != keys.size() || arrivalSeconds.size() != keys.size()) {
            throw new IllegalArgumentException("a sweep timing needs a time and an arrival per task");
        }
    }

    public double totalTaskSeconds() {
        return taskSeconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Index of the task whose result arrived first. */
    public int firstArrival() {
        int best = 0;
        for (int i = 1; i < arrivalSeconds.size(); i++) {
            if (arrivalSeconds.get(i) < arrivalSeconds.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /** Index of the task whose result arrived last. */
    public int lastArrival() {
        int best = 0;
        for (int i = 1; i < arrivalSeconds.size(); i++) {
            if (arrivalSeconds.get(i) > arrivalSeconds.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /** Capacity of the cores not spent on the tasks' own compute, per task: (cores x run - sum t_i) / n. */
    public double overheadPerTask(int cores) {
        return (cores * runSeconds - totalTaskSeconds()) / keys.size();
    }

    /**
     * An executor that records when each result of the sweeps it runs arrives; {@link #timing} reads
     * the last run back once its phase's wall time is known.
     */
    public static final class Recorder implements SweepExecutor {
        private final SweepExecutor inner;
        private final ToDoubleFunction<SweepResult> computeSeconds;
        private final List<String> keys = new ArrayList<>();
        private final Map<String, Double> arrivals = new HashMap<>();
        private final Map<String, Double> compute = new HashMap<>();
        private double runSeconds = Double.NaN;
        private double runCpuSeconds = Double.NaN;
        private double runMachineCpuSeconds = Double.NaN;

        /** @param computeSeconds a task's own compute time, read from its result */
        public Recorder(SweepExecutor inner, ToDoubleFunction<SweepResult> computeSeconds) {
            this.inner = inner;
            this.computeSeconds = computeSeconds;
        }

        @Override
        public String description() {
            return inner.description();
        }

        @Override
        public void run(Sweep sweep, Consumer<SweepResult> onResult) throws java.io.IOException {
            keys.clear();
            arrivals.clear();
            compute.clear();
            sweep.tasks().forEach(t -> keys.add(t.key()));
            double cpu = processCpuSeconds();
            double machine = machineCpuSeconds();
            long start = System.nanoTime();
            inner.run(sweep, r -> {
                arrivals.put(r.key(), (System.nanoTime() - start) / 1e9);
                compute.put(r.key(), computeSeconds.applyAsDouble(r));
                onResult.accept(r);
            });
            runSeconds = (System.nanoTime() - start) / 1e9;
            runCpuSeconds = processCpuSeconds() - cpu;
            runMachineCpuSeconds = machineCpuSeconds() - machine;
        }

        /**
         * Busy CPU seconds of the whole machine (every process, other users' too) during the last run; NaN
         * where the operating system does not tell (it reads Linux's /proc/stat).
         */
        public double runMachineCpuSeconds() {
            return runMachineCpuSeconds;
        }

        /**
         * CPU seconds this JVM (every thread of it: with a local executor the tasks too) used during the
         * last run; NaN where the platform does not tell.
         */
        public double runCpuSeconds() {
            return runCpuSeconds;
        }

        /** Busy CPU seconds of every core since boot (/proc/stat: user, nice, system, irq, softirq, steal). */
        private static double machineCpuSeconds() {
            try {
                String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim()
                        .split("\\s+");
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                    busy += Long.parseLong(f[i]);
                }
                return busy / 100.0; // USER_HZ
            } catch (java.io.IOException | RuntimeException e) {
                return Double.NaN;
            }
        }

        private static double processCpuSeconds() {
            return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
        }

        /** The last run's timing; {@code wallSeconds} is its phase's. */
        public SweepTiming timing(double wallSeconds) {
            List<String> done = keys.stream().filter(arrivals::containsKey).toList();
            return new SweepTiming(done, done.stream().map(compute::get).toList(),
                    done.stream().map(arrivals::get).toList(), runSeconds, wallSeconds);
        }
    }
}
