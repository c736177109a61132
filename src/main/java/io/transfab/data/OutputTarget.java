package io.transfab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a command writes an output (a directory, or a single file for the file kinds of {@link OutputKind}), and
 * what it may replace there. Checking first cleans the siblings dead writers left (see {@link AtomicOutput}).
 * An existing path is replaced only when it is an empty directory (or empty file) or an output of the same
 * {@link OutputKind} (for a file: one transfab wrote and nobody changed since); anything else needs
 * {@code force}. Even with {@code force}, the path is never a symbolic link and never holds or equals one of
 * the command's {@code inputs} (nor, for an existing file, lies inside an input directory). A file output may
 * be a device or FIFO (/dev/null, /dev/stdout): it is written through.
 *
 * @param path     the directory or file to write
 * @param kind     what the command writes there
 * @param force    whether a foreign file or directory at {@code path} may be replaced (--force)
 * @param inputs   files and directories the command reads; {@code path} must not be one of them or above one
 *                 (an existing file output: nor inside an input directory)
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
     * Checks what is at {@code path} now: fine when nothing, an empty directory or an empty file is there; when an
     * output of the same kind (or, with force, anything else) is there, the returned target {@link #replaces()} it.
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
        if (kind.isFile()) {
            return checkFile(abs);
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

    /** The check of a file kind: see the class comment. */
    private OutputTarget checkFile(Path abs) {
        if (Files.isDirectory(abs)) {
            throw DataException.of(path.toString(), "is a directory; pass a file name");
        }
        boolean exists = Files.exists(abs, LinkOption.NOFOLLOW_LINKS);
        if (exists && !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (!AtomicOutput.isStream(abs)) {
                throw DataException.of(path.toString(), "is a symbolic link; transfab does not replace links: "
                        + "pass the file it points to, or - for standard output where the command allows it");
            }
            return new OutputTarget(path, kind, force, inputs, false); // written through, nothing replaced
        }
        if (!exists) {
            refuseNewInsideModel(abs);
            return new OutputTarget(path, kind, force, inputs, false);
        }
        refuseInputs(abs);
        if (isEmptyFile(abs)) { // an empty file (mktemp's) holds nothing to lose, like an empty folder
            return new OutputTarget(path, kind, force, inputs, false);
        }
        if (kind.recognises(abs)) {
            return new OutputTarget(path, kind, force, inputs, true);
        }
        if (!force) {
            throw DataException.of(path.toString(), "already exists and is not a " + kind.label() + " transfab "
                    + "wrote (or it was changed since); pass another --out, or --force to replace it");
        }
        return new OutputTarget(path, kind, force, inputs, true);
    }

    /** An existing file output is no input and no file inside an input directory (a model's), even with --force. */
    private void refuseInputs(Path abs) {
        for (Path input : inputs) {
            try {
                if (input != null && Files.exists(input) && (Files.isSameFile(abs, input)
                        || Files.isDirectory(input) && abs.toRealPath().startsWith(input.toRealPath()))) {
                    throw DataException.of(path.toString(), "is the input " + input + " or inside it; writing "
                            + "there would overwrite it (even with --force): pass another --out");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A new file output is never inside an input model folder (one holding model.json), even with --force:
     * model.json records the checksum of every file beside it, so an added file makes the model refuse to load.
     */
    private void refuseNewInsideModel(Path abs) {
        Path existing = abs.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        for (Path input : inputs) {
            try {
                if (input != null && OutputKind.MODEL.recognises(input)
                        && existing.toRealPath().startsWith(input.toRealPath())) {
                    throw DataException.of(path.toString(), "is inside the input model " + input + "; a new file "
                            + "there would make the model fail its checksum (even with --force): pass another --out");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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

    private static boolean isEmptyFile(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return false;
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
