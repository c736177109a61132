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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files and directories so that a reader never sees half of them and a crash loses neither the old
 * nor the new one: content goes to a temporary sibling {@code .<name>.tmp-<pid>-<random>}, is flushed to
 * disk, and is renamed into place; a directory being replaced is first moved aside to
 * {@code .<name>.old-<pid>-<random>} and removed only once the new one is in place. Siblings left by dead
 * processes are cleaned up on the next write to the same target (a lone {@code .old} is restored).
 * Temporaries are created like any file of the user, so outputs get the user's umask.
 *
 * <p>Files: {@link #writeFile} writes a single-file output the user named, replacing only what its
 * {@link OutputTarget} allows (an earlier, unchanged file of the same kind, or anything with --force).
 * {@link #writeBytes} and {@link #writeString} are the plain atomic write, for files transfab owns: inside an
 * output directory being built, a campaign's files, a job's records. For both, an existing regular file is
 * replaced; a directory is refused; a symbolic link is never replaced: writes go through it, without renaming,
 * only to a stream (a device, FIFO or socket, or anything under /dev such as /dev/stdout), and are refused
 * otherwise.
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

    /** Text file written to a temporary sibling, flushed and renamed (a file transfab owns; see the class comment). */
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
     * Writes a single-file output the user named (a CSV of predict, simulate, suggest...): checks {@code target}
     * again (it may have changed while the command worked; see {@link OutputTarget#check()}), writes the content
     * to a flushed temporary sibling and renames it into place, and records it as transfab's in the hidden
     * sibling {@code .<name>.transfab} (kind and SHA-256 of the content). The marker lists the old content's hash
     * too while the rename is pending, so a kill at any moment leaves either the old or the new file, recognised.
     * A device or /dev/stdout is written through, without a marker.
     *
     * @return whether an earlier file was replaced
     */
    public static boolean writeFile(OutputTarget target, byte[] content) throws IOException {
        if (!target.kind().isFile()) {
            throw new IllegalArgumentException(target.kind() + " is a directory kind");
        }
        OutputTarget now = target.check();
        Path abs = target.path().toAbsolutePath().normalize();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            writeBytes(abs, content); // a device or stream (check() refused anything else): written through
            return false;
        }
        String hash = Hashing.sha256(content);
        List<String> vouched = new ArrayList<>(List.of(hash));
        FileMarker.vouchedHash(abs, target.kind()).filter(h -> !h.equals(hash)).ifPresent(vouched::add);
        FileMarker.write(abs, target.kind(), vouched);
        writeBytes(abs, content);
        if (vouched.size() > 1) {
            FileMarker.write(abs, target.kind(), List.of(hash));
        }
        return now.replaces();
    }

    /** {@link #writeFile(OutputTarget, byte[])} of UTF-8 text. */
    public static boolean writeFile(OutputTarget target, String content) throws IOException {
        return writeFile(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** /dev/stdout and its aliases: the process's own standard output. */
    public static boolean isStandardOutput(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.equals(Path.of("/dev/stdout")) || abs.equals(Path.of("/dev/fd/1"))
                || abs.equals(Path.of("/proc/self/fd/1"));
    }

    /** Where writes go through without renaming: devices, FIFOs, sockets, and /dev paths like /dev/stdout. */
    static boolean isStream(Path abs) {
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

    /**
     * {@link #cleanStale} for every target in {@code dir} that has temporary siblings (a campaign directory's
     * files and entries): the leftovers of dead writers go, a live writer's temporaries stay.
     */
    public static void cleanStaleIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<String> targets = new TreeSet<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith("."))) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                for (String kind : List.of(TMP, OLD)) {
                    int at = n.lastIndexOf(kind);
                    if (at > 1) {
                        targets.add(n.substring(1, at));
                    }
                }
            }
        }
        for (String t : targets) {
            cleanStale(dir.resolve(t));
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
