package io.transfab.accuracy;

import io.transfab.data.AtomicOutput;
import io.transfab.model.Json;
import io.transfab.model.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code study accuracy}: builds the named tasks, runs the comparison on each and writes its files. */
public final class AccuracyRun {
    /** The comparison table (Markdown, as in docs/accuracy.md). */
    public static final String TABLE = "accuracy.md";
    /** Every split's R2. */
    public static final String SPLITS = "r2.csv";
    /** Settings and every cell. */
    public static final String RESULTS = "results.json";

    private AccuracyRun() {
    }

    /** The settings of one run; sizes replace every draw task's sizes. */
    public record Settings(List<String> tasks, List<Integer> sizes, Path tables, AccuracyStudy.Options options,
            String label) {
        public Settings {
            if (label == null || !label.matches("[a-z0-9-]+")) {
                throw io.transfab.data.DataException.option("--label must be lower-case letters, digits and '-'; got '"
                        + label + "'");
            }
            tasks = List.copyOf(tasks);
            sizes = List.copyOf(sizes);
            for (String t : tasks) {
                if (!AccuracyTasks.NAMES.contains(t)) {
                    throw io.transfab.data.DataException.option("--tasks: unknown task '" + t + "'; tasks are: "
                            + String.join(", ", AccuracyTasks.NAMES));
                }
            }
            if (tasks.isEmpty() || sizes.isEmpty()) {
                throw io.transfab.data.DataException.option("--tasks and --sizes must each name at least one value");
            }
        }
    }

    /** The results of every task, in the order of the settings. */
    public static List<AccuracyStudy.TaskResult> run(Settings s, Progress progress) {
        List<AccuracyStudy.TaskResult> out = new ArrayList<>();
        for (String name : s.tasks()) {
            AccuracyTask task = AccuracyTasks.of(name, s.tables(), s.options().seed());
            if (!task.grouped()) {
                task = task.withSizes(s.sizes());
            }
            out.add(AccuracyStudy.run(task, s.options(), progress));
        }
        return out;
    }

    /** Writes {@value #TABLE}, {@value #SPLITS} and {@value #RESULTS} into {@code dir}. */
    public static void write(Path dir, Settings s, List<AccuracyStudy.TaskResult> results) throws IOException {
        AtomicOutput.writeString(dir.resolve(TABLE), markdown(s, results));
        AtomicOutput.writeString(dir.resolve(SPLITS), AccuracyTable.csv(results));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", Map.of("tasks", s.tasks(), "sizes", s.sizes(), "splits", s.options().splits(),
                "ensemble", s.options().ensemble(), "seed", s.options().seed(), "contenders",
                s.options().contenders().stream().map(Contender::cliName).toList()));
        root.put("tasks", results);
        AtomicOutput.writeString(dir.resolve(RESULTS), Json.toString(root) + "\n");
    }

    /** The table with the task descriptions and the time each contender took. */
    public static String markdown(Settings s, List<AccuracyStudy.TaskResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Test R2, median [25 %%, 75 %%] over %d splits per row (seed %d, "
                + "ensemble %d).%n%n", s.options().splits(), s.options().seed(), s.options().ensemble()));
        sb.append(AccuracyTable.markdown(results, s.options().contenders(), s.options().splits(),
                s.label())).append('\n');
        for (AccuracyStudy.TaskResult r : results) {
            sb.append("- **").append(r.task()).append("**: ").append(r.description()).append(". Time:");
            Map<Contender, Double> secs = new LinkedHashMap<>();
            r.cells().forEach(c -> secs.merge(c.contender(), c.seconds(), Double::sum));
            sb.append(String.format(Locale.ROOT, " pre-training %.0f s", r.pretrainSeconds()));
            secs.forEach((c, v) -> sb.append(String.format(Locale.ROOT, ", %s %.0f s", c.cliName(), v)));
            sb.append(".\n");
            for (AccuracyStudy.Cell c : r.cells()) {
                if (!c.choices().isEmpty()) {
                    Map<String, Integer> count = new java.util.TreeMap<>();
                    c.choices().forEach(x -> count.merge(x, 1, Integer::sum));
                    sb.append("  - ").append(c.contender().cliName()).append(" at ")
                            .append(AccuracyTable.rowsLabel(r, c.size())).append(" chose ").append(count).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
