package io.transfab.workflow;

import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The check every use case writing an output makes before its work (see {@link OutputTarget}): an existing
 * --out is replaced without --force only when it is an earlier output of the same kind (a single file: one
 * transfab wrote and nobody changed since).
 */
public final class Outputs {
    private Outputs() {
    }

    /**
     * The checked directory target (fail fast, before the expensive work).
     *
     * @param inputs what the use case reads (null entries are skipped); --out may not be one of them or above one
     */
    public static OutputTarget directory(Path out, OutputKind kind, boolean force, Path... inputs) {
        return checked(out, kind, force, inputs);
    }

    /**
     * The checked single-file target of a file {@code kind} (fail fast, before the expensive work).
     *
     * @param inputs what the use case reads (null entries are skipped); --out may not be one of them or inside one
     */
    public static OutputTarget file(Path out, OutputKind kind, boolean force, Path... inputs) {
        if (!kind.isFile()) {
            throw new IllegalArgumentException(kind + " is a directory kind");
        }
        return checked(out, kind, force, inputs);
    }

    private static OutputTarget checked(Path out, OutputKind kind, boolean force, Path... inputs) {
        return OutputTarget.of(out, kind)
                .with(force, Arrays.stream(inputs).filter(Objects::nonNull).toList())
                .check();
    }

    /** Writes {@code table} as CSV to a checked file target; "replaced the previous KIND at PATH" when it did. */
    public static List<String> writeCsv(OutputTarget target, Table table) throws IOException {
        return AtomicOutput.writeFile(target, CsvWriter.toCsv(table)) ? List.of(target.replacedMessage()) : List.of();
    }

    /** "replaced the previous KIND at PATH" when the write replaced an earlier output, else nothing. */
    public static List<String> replaced(OutputTarget target) {
        return target.replaces() ? List.of(target.replacedMessage()) : List.of();
    }
}
