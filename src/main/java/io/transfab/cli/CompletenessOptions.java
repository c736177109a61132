package io.transfab.cli;

import io.transfab.data.ColumnChoice;
import io.transfab.data.Table;
import picocli.CommandLine.Option;

/** --drop-incomplete of every command that trains on a table. */
final class CompletenessOptions {
    @Option(names = "--drop-incomplete", description = "Skip rows with a blank cell in a column the command uses "
            + "(counted on stderr and, where the command saves a model, in model.json) instead of stopping at the "
            + "first blank.")
    boolean dropIncomplete;

    /** The table without incomplete rows when asked (one stderr line with the count), else as it is. */
    ColumnChoice.Completed apply(Table raw, ColumnChoice choice) {
        if (!dropIncomplete) {
            return new ColumnChoice.Completed(raw, 0, java.util.List.of());
        }
        ColumnChoice.Completed c = choice.dropIncomplete(raw);
        if (c.dropped() > 0) {
            System.err.printf("--drop-incomplete: skipped %d of %d rows of %s with a blank in a used column "
                    + "(first at row %d)%n", c.dropped(), raw.rowCount(), raw.source(), c.droppedLines().get(0));
        }
        return c;
    }
}
