package io.transfab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a command writes a directory output, and what it may replace there. Checking first cleans the
 * siblings dead writers left (see {@link AtomicOutput}). An existing path is replaced
 * only when it is an empty directory or an output of the same {@link OutputKind}; anything else needs
 * {@code force}. Even with {@code force}, the path is never a symbolic link and never holds (or equals)
 * one of the command's {@code inputs}.
 *
 * @param path     the directory to write
 * @param kind     what the command writes there
 * @param force    whether a foreign file or directory at {@code path} may be replaced (--force)
 * @param inputs   files and directories the command reads; {@code path} must not be one of them or above one
 * @param replaces whether {@link #check()} found an earlier output to replace (for the "replaced" message)
 */
public record OutputTarget(Path path, OutputKind kind, boolean force, List<Path> inputs, boolean replaces) {
    public OutputTarget {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        inputs = List.copyOf(inputs);
    }

    /** A target that replaces only an earlier output of the same kind. */
    public static OutputTarget of(Path path, OutputKind kind) {
        return new OutputTarget(path, kind, false, List.of(), false);
    }

    /** The same target with --force and the command's inputs. */
    public OutputTarget with(boolean force, List<Path> inputs) {
        return new OutputTarget(path, kind, force, inputs, replaces);
    }

    /**
     * Checks what is at {@code path} now: fine when nothing or an empty directory is there; when an output
     * of the same kind (or, with force, anything else) is there, the returned target {@link #replaces()} it.
     *
     * @throws DataException when the path may not be replaced: one line naming it and what to do
     */
    public OutputTarget check() {
        Path abs = path.toAbsolutePath().normalize();
        try {
            AtomicOutput.cleanStale(abs); // first: a dead writer's .old may be what is really at path
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isSymbolicLink(abs)) {
            throw DataException.of(path.toString(), "is a symbolic link; transfab does not replace links: pass "
                    + "the directory itself or a new path as --out");
        }
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            return new OutputTarget(path, kind, force, inputs, false);
        }
        refuseAboveInputs(abs);
        if (isEmptyDirectory(abs)) {
            return new OutputTarget(path, kind, force, inputs, false);
        }
        if (kind.recognises(abs)) {
            return new OutputTarget(path, kind, force, inputs, true);
        }
        if (!force) {
            throw DataException.of(path.toString(), "already exists and is not a transfab " + kind.label()
                    + " output; pass another --out, or --force to replace it");
        }
        return new OutputTarget(path, kind, force, inputs, true);
    }

    /** "replaced the previous model at PATH". */
    public String replacedMessage() {
        return "replaced the previous " + kind.label() + " at " + path;
    }

    private void refuseAboveInputs(Path abs) {
        Path real;
        try {
            real = abs.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path input : inputs) {
            if (input == null || !Files.exists(input)) {
                continue;
            }
            Path in;
            try {
                in = input.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (in.startsWith(real)) {
                throw DataException.of(path.toString(), (in.equals(real) ? "is" : "holds") + " the input " + input
                        + "; writing the " + kind.label() + " there would delete it (even with --force): "
                        + "pass another --out");
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
