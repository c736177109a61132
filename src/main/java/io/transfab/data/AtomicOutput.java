package io.transfab.data;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files and directories so that a reader never sees half of them and a crash loses neither the old
 * nor the new one: content goes to a temporary sibling {@code .<name>.tmp-<pid>-<random>}, is flushed to
 * disk, and is renamed into place; a directory being replaced is first moved aside to
 * {@code .<name>.old-<pid>-<random>} and removed only once the new one is in place. Siblings left by dead
 * processes are cleaned up on the next write to the same target (a lone {@code .old} is restored).
 * Temporaries are created like any file of the user, so outputs get the user's umask.
 *
 * <p>File targets: an existing regular file is replaced (the user named it); a directory is refused; a
 * symbolic link is never replaced: writes go through it, without renaming, only to a stream (a device, FIFO
 * or socket, or anything under /dev such as /dev/stdout), and are refused otherwise.
 */
public final class AtomicOutput {
    private static final String TMP = ".tmp-";
    private static final String OLD = ".old-";

    private AtomicOutput() {
    }

    /** Writes the content produced by {@code writer} into a temporary directory, then moves it to the target. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path tempDir) throws IOException;
    }

    /** A rename; tests substitute one that fails to check what a failed swap leaves behind. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    /** Text file written to a temporary sibling, flushed and renamed. */
    public static void writeString(Path target, String content) throws IOException {
        writeBytes(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes written to a temporary sibling, flushed and renamed (see the class comment for links and streams). */
    public static void writeBytes(Path target, byte[] content) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw DataException.of(target.toString(), "is a directory; pass a file name");
        }
        if (Files.isSymbolicLink(abs) || Files.exists(abs, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (!isStream(abs)) {
                throw DataException.of(target.toString(), "is a symbolic link; transfab does not replace links: "
                        + "pass the file it points to, or - for standard output where the command allows it");
            }
            if (isStandardOutput(abs)) {
                // fd 1 itself, not a second descriptor: its offset is shared with what the command prints next
                FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
                stdout.write(content);
                stdout.flush();
                return;
            }
            try (FileChannel ch = FileChannel.open(abs, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                writeFully(ch, content);
            }
            return;
        }
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        cleanStale(abs);
        Path tmp = sibling(abs, TMP);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(ch, content);
                ch.force(true);
            }
            atomicMove(tmp, abs, true);
            forceDirectory(parent);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Checks a file output before the work that produces it: not a directory, not a link to a file, not the
     * same file as one of the command's inputs, and not an existing file inside an input directory (a model's).
     *
     * @throws DataException naming the path and what to do
     */
    public static void checkFile(Path target, Collection<Path> inputs) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw DataException.of(target.toString(), "is a directory; pass a file name");
        }
        if ((Files.isSymbolicLink(abs) || Files.exists(abs, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) && !isStream(abs)) {
            throw DataException.of(target.toString(), "is a symbolic link; transfab does not replace links: "
                    + "pass the file it points to, or - for standard output where the command allows it");
        }
        if (!Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (Path input : inputs) {
            try {
                if (input != null && Files.exists(input) && (Files.isSameFile(abs, input)
                        || Files.isDirectory(input) && abs.toRealPath().startsWith(input.toRealPath()))) {
                    throw DataException.of(target.toString(), "is the input " + input + " or inside it; writing "
                            + "there would overwrite it: pass another --out");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** /dev/stdout and its aliases: the process's own standard output. */
    public static boolean isStandardOutput(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.equals(Path.of("/dev/stdout")) || abs.equals(Path.of("/dev/fd/1"))
                || abs.equals(Path.of("/proc/self/fd/1"));
    }

    /** Where writes go through without renaming: devices, FIFOs, sockets, and /dev paths like /dev/stdout. */
    private static boolean isStream(Path abs) {
        if (abs.startsWith("/dev/")) {
            return Files.exists(abs);
        }
        return Files.exists(abs) && !Files.isRegularFile(abs) && !Files.isDirectory(abs);
    }

    private static void writeFully(FileChannel ch, byte[] content) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /**
     * Checks {@code target} again (it may have changed since the command started), fills a fresh temporary
     * directory beside it, flushes it to disk and swaps it in; an earlier output is moved aside first and
     * removed only once the new one is in place.
     *
     * @return whether an earlier output was replaced
     */
    public static boolean writeDirectory(OutputTarget target, DirectoryWriter writer) throws IOException {
        return writeDirectory(target, writer, (from, to) -> atomicMove(from, to, false));
    }

    static boolean writeDirectory(OutputTarget target, DirectoryWriter writer, Mover mover) throws IOException {
        target.check();
        Path abs = target.path().toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        cleanStale(abs);
        Path tmp = sibling(abs, TMP);
        Files.createDirectory(tmp);
        try {
            writer.write(tmp);
            if (target.kind().writesMarker()) {
                Files.writeString(tmp.resolve(OutputKind.MARKER), target.kind().id() + "\n");
            }
            forceTree(tmp);
            OutputTarget now = target.check(); // again: the expensive work may have taken hours
            if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                mover.move(tmp, abs);
                forceDirectory(parent);
                return false;
            }
            Path old = sibling(abs, OLD);
            mover.move(abs, old);
            try {
                mover.move(tmp, abs);
            } catch (IOException e) {
                try {
                    mover.move(old, abs);
                } catch (IOException restore) {
                    throw new IOException("could not move the new " + target.kind().label() + " into " + abs + " ("
                            + e.getMessage() + "); the previous one is kept at " + old + ": move it back with: mv '"
                            + old + "' '" + abs + "'", e);
                }
                throw new IOException("could not move the new " + target.kind().label() + " into " + abs + " ("
                        + e.getMessage() + "); the previous one is unchanged", e);
            }
            forceDirectory(parent);
            deleteRecursively(old);
            return now.replaces();
        } finally {
            if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
                deleteRecursively(tmp);
            }
        }
    }

    /** {@code .<name><kind><pid>-<random>}: the pid lets a later run tell a dead writer's leftovers. */
    private static Path sibling(Path abs, String kind) {
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        return abs.resolveSibling("." + abs.getFileName() + kind + ProcessHandle.current().pid() + "-" + random);
    }

    /**
     * Removes the temporary siblings of {@code target} that dead processes left: a {@code .tmp} is removed;
     * an {@code .old} is moved back when the target is missing (the writer died between the two renames)
     * and removed otherwise.
     */
    static void cleanStale(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String name = "." + abs.getFileName();
        List<Path> tmps = new ArrayList<>();
        List<Path> olds = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent,
                p -> p.getFileName().toString().startsWith(name + "."))) {
            for (Path p : s) {
                String rest = p.getFileName().toString().substring(name.length());
                if (rest.startsWith(TMP) && isDead(rest.substring(TMP.length()))) {
                    tmps.add(p);
                } else if (rest.startsWith(OLD) && isDead(rest.substring(OLD.length()))) {
                    olds.add(p);
                }
            }
        }
        for (Path old : olds) {
            if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                atomicMove(old, abs, false);
            } else {
                deleteRecursively(old);
            }
        }
        for (Path tmp : tmps) {
            deleteRecursively(tmp);
        }
    }

    /** {@code <pid>-<random>} of a process that is no longer running. */
    private static boolean isDead(String pidAndRandom) {
        int dash = pidAndRandom.indexOf('-');
        if (dash <= 0) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(pidAndRandom.substring(0, dash));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isEmpty() || !p.get().isAlive();
    }

    private static void atomicMove(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        }
    }

    /** Flushes every file and directory below {@code dir} (and itself) to disk. */
    private static void forceTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                        ch.force(true);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                forceDirectory(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Flushes a directory's entries (a rename in it) to disk where the platform allows opening directories. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform (Windows) opens directories; the rename is still atomic there
        }
    }

    /** Deletes a directory tree or a file (temporary and replaced outputs only); links are removed, not followed. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Wraps an IOException for use inside lambdas. */
    public static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
