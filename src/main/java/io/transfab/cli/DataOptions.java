package io.transfab.cli;

import io.transfab.data.ColumnChoice;
import io.transfab.data.ColumnRoles;
import io.transfab.data.CsvReader;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.TargetLeakage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The table and its column roles: --data, --features, --targets, --ignore, --drop-incomplete. */
final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Input table (CSV with a header "
            + "row; ',', ';' or tab; decimal commas accepted; units as 'name [unit]').")
    Path data;

    @Option(names = "--features", split = ",", paramLabel = "COL", description = "Manufacturing parameters the "
            + "model reads (required unless the table has a roles file beside it, e.g. x.csv -> x"
            + ColumnRoles.SUFFIX + ").")
    List<String> features = new ArrayList<>();

    @Option(names = "--targets", split = ",", paramLabel = "COL", description = "Measured properties to predict.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--ignore", split = ",", paramLabel = "COL", description = "Columns to leave out (ids, notes).")
    List<String> ignore = new ArrayList<>();

    @Mixin
    CompletenessOptions completeness;

    @Mixin
    MediaRootOptions media;

    /** A training table as read: its rows (incomplete ones dropped on request) and the columns in use. */
    record Loaded(Table table, ColumnChoice choice, int dropped) {
        /** The schema of the chosen columns (refuses when no features are named). */
        Schema schema() {
            return Schema.infer(table, choice.features(), choice.targets(), choice.ignore());
        }

        /** What model.json records about the rows: how many incomplete ones were skipped. */
        Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            if (dropped > 0) {
                d.put("incompleteRowsDropped", dropped);
            }
            return d;
        }
    }

    /** The raw table, every row. */
    Table readTable() {
        return media.apply(CsvReader.read(data));
    }

    /**
     * Reads --data with the columns the options and the roles file name; {@code domain} (or null)
     * also counts as used. Prints the rows --drop-incomplete skipped and refuses a table left
     * with fewer than two rows.
     */
    Loaded load(String domain) {
        Table raw = readTable();
        ColumnChoice choice = ColumnChoice.of(data, raw, features, targets, ignore, null, domain);
        return complete(raw, choice);
    }

    /** {@link #load} for a table whose columns are fixed elsewhere (a base model's for finetune). */
    Loaded load(List<String> used) {
        Table raw = readTable();
        return complete(raw, new ColumnChoice(used, List.of(), List.of(), null, null, null));
    }

    private Loaded complete(Table raw, ColumnChoice choice) {
        ColumnChoice.Completed c = completeness.apply(raw, choice);
        Dataset.requireTrainingRows(c.table());
        return new Loaded(c.table(), choice, c.dropped());
    }

    /** Prints a loud warning for every feature that nearly equals a target in rank order. */
    static void warnLeakage(Dataset ds) {
        for (String w : TargetLeakage.warnings(ds)) {
            System.err.println("WARNING: " + w);
        }
    }
}
