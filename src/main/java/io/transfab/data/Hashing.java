package io.transfab.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 of table content and of saved parameter files, for provenance and integrity. */
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
