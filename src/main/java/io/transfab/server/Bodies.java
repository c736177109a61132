package io.transfab.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reading request bodies within the upload limit, and writing JSON answers. A body over the limit
 * is a 413 whether its length was announced (checked before reading) or not (checked while reading).
 */
final class Bodies {
    /** Compact JSON for answers (model files use the project's indented {@code Json.MAPPER}). */
    static final ObjectMapper JSON = new ObjectMapper();

    /** Media type of CSV bodies and downloads. */
    static final String CSV = "text/csv";

    private Bodies() {
    }

    /** The body's bytes; 413 when over {@code limit}. */
    static byte[] bytes(Context ctx, long limit) throws IOException {
        long announced = ctx.req().getContentLengthLong();
        if (announced > limit) {
            drain(ctx.bodyInputStream(), 4 * limit);
            throw Problem.tooLarge(limit);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(announced > 0 ? (int) announced : 8192);
            byte[] buf = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0;) {
                total += n;
                if (total > limit) {
                    drain(in, 4 * limit);
                    throw Problem.tooLarge(limit);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /**
     * Reads and drops up to {@code max} more bytes of a refused body, so that a client still sending
     * it sees the 413 rather than a reset connection.
     */
    private static void drain(InputStream in, long max) {
        byte[] buf = new byte[65536];
        long total = 0;
        try {
            for (int n; total < max && (n = in.read(buf)) > 0;) {
                total += n;
            }
        } catch (IOException e) {
            // the client gave up sending; the 413 is still the answer
        }
    }

    /** The body as JSON; 400 naming where it is malformed. */
    static JsonNode json(Context ctx, long limit) throws IOException {
        byte[] body = bytes(ctx, limit);
        if (body.length == 0) {
            throw Problem.badRequest("the request body is empty; expected JSON");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String what = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*\\)", "")
                    .replaceAll("\\s*\\R.*", "")
                    .replaceAll("^Non-standard token ('[^']*').*", "$1 is not a JSON number (JSON has no NaN or "
                            + "Infinity; send null for a missing value)");
            throw Problem.badRequest("malformed JSON: " + what + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
    }

    /** Whether the request says its body is CSV. */
    static boolean isCsv(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(CSV);
    }

    /** Answers {@code value} as JSON with {@code status}. */
    static void json(Context ctx, int status, Object value) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(value));
    }

    /** Answers {@code value} as JSON with status 200. */
    static void json(Context ctx, Object value) throws JsonProcessingException {
        json(ctx, 200, value);
    }

    /** Answers a CSV download named {@code filename}. */
    static void csv(Context ctx, String filename, String text) {
        ctx.contentType(CSV + "; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + filename
                + "\"").result(text.getBytes(StandardCharsets.UTF_8));
    }
}
