package io.transfab.workflow;

import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The check every use case writing an output directory makes before its work (see {@link OutputTarget}):
 * an existing --out is replaced without --force only when it is an earlier output of the same kind.
 */
public final class Outputs {
    private Outputs() {
    }

    /**
     * The checked target (fail fast, before the expensive work).
     *
     * @param inputs what the use case reads (null entries are skipped); --out may not be one of them or above one
     */
    public static OutputTarget directory(Path out, OutputKind kind, boolean force, Path... inputs) {
        return OutputTarget.of(out, kind)
                .with(force, Arrays.stream(inputs).filter(Objects::nonNull).toList())
                .check();
    }

    /** "replaced the previous KIND at PATH" when the write replaced an earlier output, else nothing. */
    public static List<String> replaced(OutputTarget target) {
        return target.replaces() ? List.of(target.replacedMessage()) : List.of();
    }
}
