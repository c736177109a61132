package io.transfab.design;

import io.transfab.data.DataException;
import io.transfab.model.Json;
import io.transfab.model.Progress;
import io.transfab.simulate.Chemistry;
import io.transfab.sweep.Sweep;
import io.transfab.sweep.SweepExecutor;
import io.transfab.sweep.SweepResult;
import io.transfab.sweep.SweepTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the design studies share to run their independent units (a seed and a method, a seed and a
 * requested value) as sweep tasks on any executor (docs/scale-out.md): the simulated lab in a form
 * another JVM rebuilds it from, and the run that collects the tasks' results by key.
 */
public final class StudySweep {
    private StudySweep() {
    }

    /**
     * The simulated lab as a sweep job ships it.
     *
     * @param spaceYaml   the parameter space's text
     * @param spaceSource what errors call the space (its file, or the chemistry's process window)
     */
    public record LabSpec(String chemistry, double noise, String spaceYaml, String spaceSource) {
        public LabSpec {
            Chemistry.fromCliName(chemistry);
        }

        /** The lab (the same in every JVM). */
        public SimulatorLab lab() {
            return SimulatorLab.of(Chemistry.fromCliName(chemistry), noise, ParameterSpace.parse(spaceYaml,
                    spaceSource), spaceSource);
        }
    }

    /**
     * Runs the sweep and returns each task's value by key; progress counts {@code steps} per task.
     * Bad input found in a task stops the run with its one line.
     */
    static Map<String, String> run(SweepExecutor executor, Sweep sweep, int steps, Progress progress)
            throws IOException {
        Map<String, String> values = new HashMap<>();
        int total = sweep.tasks().size() * steps;
        progress.update(sweep.name(), 0, total);
        executor.run(sweep, r -> {
            if (r.badInput() != null) {
                throw DataException.option(r.badInput());
            }
            values.put(r.key(), r.value());
            progress.update(sweep.name(), values.size() * steps, total);
        });
        for (SweepTask t : sweep.tasks()) {
            if (!values.containsKey(t.key())) {
                throw new IllegalStateException(sweep.name() + ": no result for task " + t.key());
            }
        }
        return values;
    }

    /** A task's result: {@code value} as JSON. */
    static SweepResult result(SweepTask task, Object value) {
        return SweepResult.of(task.key(), Json.toString(value));
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
