package io.transfab.cli;

import io.transfab.data.ColumnRoles;
import io.transfab.workflow.TableSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The table and its column roles: --data, --features, --targets, --ignore, --drop-incomplete, --composition. */
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

    @Mixin
    CompositionOptions composition;

    /** The options as the use cases take them. */
    TableSettings settings() {
        return new TableSettings(data, features, targets, ignore, completeness.dropIncomplete, media.mediaRoot,
                composition.composition);
    }
}
