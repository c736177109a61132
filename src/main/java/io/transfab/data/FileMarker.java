package io.transfab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * How transfab recognises a single file it wrote (a CSV of predict, simulate, suggest...) without changing the
 * file itself, so that Excel and pandas read it as before: a hidden sibling {@code .<name>.transfab} holds the
 * kind and the SHA-256 of the content written. The file is transfab's only while its content still has a listed
 * hash: a file the user edited, or put in its place, is not.
 *
 * <pre>
 * transfab-output: predictions
 * sha256: 3f2a...
 * </pre>
 *
 * While a file is being replaced, the marker lists the hashes of both the old and the new content (written before
 * the rename), and only the new one afterwards, so a kill at any moment leaves the file recognised.
 */
final class FileMarker {
    static final String SUFFIX = ".transfab";
    private static final String KIND = "transfab-output: ";
    private static final String HASH = "sha256: ";
    /** A marker is a few lines; anything longer is not one. */
    private static final long MAX_BYTES = 4096;

    private FileMarker() {
    }

    /** {@code dir/.<name>.transfab}. */
    static Path of(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + SUFFIX);
    }

    /** The hash of {@code file}'s content when its marker says transfab wrote it as {@code kind}, else empty. */
    static Optional<String> vouchedHash(Path file, OutputKind kind) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<String> hashes = hashes(of(file), kind);
        if (hashes.isEmpty()) {
            return Optional.empty();
        }
        try {
            String actual = sha256(file);
            return hashes.contains(actual) ? Optional.of(actual) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes the marker of {@code file} (atomically) listing {@code hashes} as content transfab wrote. */
    static void write(Path file, OutputKind kind, List<String> hashes) throws IOException {
        StringBuilder sb = new StringBuilder(KIND).append(kind.id()).append('\n');
        for (String h : hashes) {
            sb.append(HASH).append(h).append('\n');
        }
        AtomicOutput.writeBytes(of(file), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The hashes a marker lists for {@code kind}; empty when it is missing, of another kind or not a marker. */
    private static List<String> hashes(Path marker, OutputKind kind) {
        List<String> out = new ArrayList<>();
        try {
            if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > MAX_BYTES) {
                return out;
            }
            List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(KIND + kind.id())) {
                return out;
            }
            for (String line : lines.subList(1, lines.size())) {
                if (line.startsWith(HASH)) {
                    out.add(line.substring(HASH.length()).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            out.clear(); // unreadable or not UTF-8: not a marker
        }
        return out;
    }

    /** SHA-256 of a file, read in chunks. */
    static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int k = in.read(buf); k >= 0; k = in.read(buf)) {
                md.update(buf, 0, k);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
