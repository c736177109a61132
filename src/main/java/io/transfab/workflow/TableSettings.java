package io.transfab.workflow;

import io.transfab.data.ColumnChoice;
import io.transfab.data.ColumnRoles;
import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.TargetLeakage;
import io.transfab.model.Compositions;
import io.transfab.model.LogRatio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A training table and its column roles: --data, --features, --targets, --ignore, --drop-incomplete and
 * --media-root (features may be left out when a roles file {@code x}{@value ColumnRoles#SUFFIX} lies beside
 * the table).
 *
 * @param mediaRoot null: media files stay inside the table's own folder
 */
public record TableSettings(Path data, List<String> features, List<String> targets, List<String> ignore,
        boolean dropIncomplete, Path mediaRoot, String composition) {
    public TableSettings {
        Objects.requireNonNull(data, "--data");
        features = List.copyOf(features);
        targets = List.copyOf(targets);
        ignore = List.copyOf(ignore);
        if (composition != null) {
            Compositions.Choice.parse(composition, "--composition"); // refuses a malformed value up front
        }
    }

    /** Settings without --composition (the roles file's, else detection). */
    public TableSettings(Path data, List<String> features, List<String> targets, List<String> ignore,
            boolean dropIncomplete, Path mediaRoot) {
        this(data, features, targets, ignore, dropIncomplete, mediaRoot, null);
    }

    /** The options of a job. */
    static TableSettings of(JobParams p) {
        return new TableSettings(p.requiredPath("data"), p.list("features"), p.list("targets"), p.list("ignore"),
                p.flag("drop-incomplete"), p.path("media-root"), p.string("composition", null));
    }

    /**
     * How composition inputs are chosen: --composition when given, else the roles file's
     * {@code compositions:}, else detection.
     */
    public Compositions.Choice compositionChoice(Table raw) {
        if (composition != null) {
            return Compositions.Choice.parse(composition, "--composition");
        }
        return declaredBeside(data, raw).orElse(Compositions.Choice.AUTO);
    }

    /** The {@code compositions:} of the roles file beside table {@code data} ({@code raw}), if it has one. */
    static Optional<Compositions.Choice> declaredBeside(Path data, Table raw) {
        return ColumnRoles.beside(data, raw).map(ColumnRoles::composition).filter(Objects::nonNull)
                .map(c -> Compositions.Choice.parse(c, ColumnRoles.fileFor(data) + ": compositions"));
    }

    /**
     * The log-ratio transform of the composition inputs of {@code ds} (null: none), logging one line
     * per group and per declined candidate.
     */
    public LogRatio compositions(Dataset ds, Table raw, JobListener log) {
        Compositions.Found found = Compositions.resolve(compositionChoice(raw), ds.schema(), ds.x());
        found.lines().forEach(log::log);
        found.declined().forEach(d -> log.log("composition inputs: " + d));
        return found.logRatio();
    }

    /** A training table as read: its rows (incomplete ones dropped on request) and the columns in use. */
    public record Loaded(Table table, ColumnChoice choice, int dropped) {
        /** The schema of the chosen columns (refuses when no features are named). */
        public Schema schema() {
            return Schema.infer(table, choice.features(), choice.targets(), choice.ignore());
        }

        /** What model.json records about the rows: how many incomplete ones were skipped. */
        public Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            if (dropped > 0) {
                d.put("incompleteRowsDropped", dropped);
            }
            return d;
        }
    }

    /** The raw table, every row, with its media files allowed under --media-root when given. */
    public Table readTable() {
        return withMediaRoot(CsvReader.read(data), mediaRoot);
    }

    /** {@code table} with its media files allowed under {@code mediaRoot}, or unchanged when it is null. */
    public static Table withMediaRoot(Table table, Path mediaRoot) {
        if (mediaRoot == null) {
            return table;
        }
        if (!Files.isDirectory(mediaRoot)) {
            throw DataException.of(mediaRoot.toString(), "--media-root is not a folder");
        }
        return table.withMediaRoot(mediaRoot);
    }

    /**
     * Reads --data with the columns the options and the roles file name; {@code domain} (or null) also
     * counts as used. Logs the rows --drop-incomplete skipped and refuses a table left with fewer than two rows.
     */
    public Loaded load(String domain, JobListener log) {
        Table raw = readTable();
        ColumnChoice choice = ColumnChoice.of(data, raw, features, targets, ignore, null, domain);
        return complete(raw, choice, log);
    }

    /** {@link #load} for a table whose columns are fixed elsewhere (a base model's for finetune). */
    public Loaded load(List<String> used, JobListener log) {
        Table raw = readTable();
        return complete(raw, new ColumnChoice(used, List.of(), List.of(), null, null, null), log);
    }

    private Loaded complete(Table raw, ColumnChoice choice, JobListener log) {
        ColumnChoice.Completed c = complete(raw, choice, dropIncomplete, log);
        Dataset.requireTrainingRows(c.table());
        return new Loaded(c.table(), choice, c.dropped());
    }

    /** The table without incomplete rows when asked (one log line with the count), else as it is. */
    public static ColumnChoice.Completed complete(Table raw, ColumnChoice choice, boolean dropIncomplete,
            JobListener log) {
        if (!dropIncomplete) {
            return new ColumnChoice.Completed(raw, 0, List.of());
        }
        ColumnChoice.Completed c = choice.dropIncomplete(raw);
        if (c.dropped() > 0) {
            log.log(String.format("--drop-incomplete: skipped %d of %d rows of %s with a blank in a used column "
                    + "(first at row %d)", c.dropped(), raw.rowCount(), raw.source(), c.droppedLines().get(0)));
        }
        return c;
    }

    /** Logs a loud warning for every feature that nearly equals a target in rank order. */
    public static void warnLeakage(Dataset ds, JobListener log) {
        for (String w : TargetLeakage.warnings(ds)) {
            log.log("WARNING: " + w);
        }
    }
}
