package io.transfab.cli;

import io.transfab.data.CsvReader;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The table and its column roles: --data, --features, --targets, --ignore. */
final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Input table (CSV with a header "
            + "row; ',', ';' or tab; decimal commas accepted; units as 'name [unit]').")
    Path data;

    @Option(names = "--features", split = ",", paramLabel = "COL", description = "Manufacturing parameters (default: "
            + "every column that is not a target and not ignored).")
    List<String> features = new ArrayList<>();

    @Option(names = "--targets", split = ",", paramLabel = "COL", description = "Measured properties to predict.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--ignore", split = ",", paramLabel = "COL", description = "Columns to leave out (ids, notes).")
    List<String> ignore = new ArrayList<>();

    Table readTable() {
        return CsvReader.read(data);
    }

    Schema schema(Table table) {
        return Schema.infer(table, features, targets, ignore);
    }
}
