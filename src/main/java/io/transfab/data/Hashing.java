package io.transfab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 of table content, of the image and series files a table names, and of saved parameter files. */
public final class Hashing {
    private Hashing() {
    }

    static String sha256(List<String> names, List<List<String>> rows) {
        MessageDigest md = newDigest();
        update(md, names);
        for (List<String> r : rows) {
            update(md, r);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /**
     * Hex SHA-256 of {@code text} followed by, for each entry in order, its label, the referenced
     * file's length and its bytes (no file for a null path: the label alone, e.g. an inline series).
     * Files are read one at a time in small chunks, so a set of 10 000 images never sits in memory.
     */
    static String sha256WithFiles(String text, List<String> labels, List<Path> files) {
        MessageDigest md = newDigest();
        md.update(text.getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[1 << 16];
        for (int i = 0; i < labels.size(); i++) {
            update(md, List.of(labels.get(i)));
            Path f = files.get(i);
            if (f == null) {
                continue;
            }
            try (InputStream in = Files.newInputStream(f)) {
                // The length first, so that no two file sequences give the same byte stream.
                md.update(ByteBuffer.allocate(Long.BYTES).putLong(Files.size(f)).array());
                for (int k = in.read(buf); k >= 0; k = in.read(buf)) {
                    md.update(buf, 0, k);
                }
            } catch (IOException e) {
                throw DataException.of(f.toString(), "cannot be read to hash it (" + e.getMessage() + ")");
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, List<String> cells) {
        for (String c : cells) {
            md.update(c.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x1f);
        }
        md.update((byte) '\n');
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
