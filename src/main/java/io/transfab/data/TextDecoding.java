package io.transfab.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a table file into text, or refuses them with one line: UTF-8 (a UTF-8
 * byte-order mark is left for {@link CsvReader} to drop), UTF-16 when the file starts with its
 * byte-order mark (spreadsheets' "Unicode text" export). A file whose first 8 KiB hold NUL bytes
 * or many control bytes is "not a text table" (an image or archive given as --data), so that its
 * bytes never show up as column names; other invalid UTF-8 (a Windows-1252 or Latin-1 export, however
 * many of its characters are accented) is refused with the line and value of the first bad byte.
 */
final class TextDecoding {
    /** Bytes (or characters) inspected to tell a binary file from a text table. */
    static final int SNIFF = 8192;
    /** Share of control characters (or invalid UTF-8 sequences) in the sniffed part that marks a binary file. */
    private static final double BINARY_SHARE = 0.05;
    /** Control characters a (small) text table may hold before their share counts: a stray bell is no binary. */
    private static final int MIN_CONTROL = 16;

    private TextDecoding() {
    }

    /** The text of a table file; a {@link DataException} naming {@code source} when it is no UTF-8/UTF-16 text. */
    static String decode(String source, byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return strict(source, bytes, 2, StandardCharsets.UTF_16LE.newDecoder());
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return strict(source, bytes, 2, StandardCharsets.UTF_16BE.newDecoder());
        }
        // Binary by NUL or control characters (requireText), not by invalid UTF-8: a short Windows-1252 export
        // with a "°C" or "µm" in every row is text, and is refused below with the line of its first bad byte.
        requireText(source, new String(bytes, 0, Math.min(bytes.length, SNIFF), StandardCharsets.UTF_8));
        return strict(source, bytes, 0, StandardCharsets.UTF_8.newDecoder());
    }

    /** Refuses text that holds NUL or a high share of control characters near its start. */
    static void requireText(String source, String text) {
        int n = Math.min(text.length(), SNIFF);
        int control = 0;
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch == '\0') {
                throw notText(source);
            }
            if (Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t' && ch != '\f') {
                control++;
            }
        }
        if (control > MIN_CONTROL && control > BINARY_SHARE * n) {
            throw notText(source);
        }
    }

    private static DataException notText(String source) {
        return DataException.of(source, "is not a text table (binary content such as an image or archive); give a "
                + "CSV file saved as text (UTF-8)");
    }

    private static String strict(String source, byte[] bytes, int start, CharsetDecoder decoder) {
        decoder.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
                (long) (bytes.length * (double) decoder.maxCharsPerByte()) + 16));
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            throw DataException.at(source, lineOf(bytes, at), null, String.format("byte 0x%02X is not valid %s; "
                    + "save the table as %s", bytes[Math.min(at, bytes.length - 1)] & 0xFF, decoder.charset().name(),
                    start == 0 ? "UTF-8 ('CSV UTF-8' in spreadsheet programs)" : "UTF-8 or valid UTF-16"));
        }
        out.flip();
        return out.toString();
    }

    /** 1-based line of byte {@code at} (LF, CRLF and lone CR end a line). */
    private static int lineOf(byte[] bytes, int at) {
        int line = 1;
        for (int i = 0; i < at && i < bytes.length; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }
}
