package io.transfab.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP error the API answers as {@code application/problem+json} (RFC 9457): status, a short
 * title, a one-line detail for the user and, for schema errors, the columns concerned. Thrown by
 * handlers; {@link TransfabServer} turns it into the response.
 */
public final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final String title;
    private final Map<String, List<String>> columns;

    private Problem(int status, String title, String detail, Map<String, List<String>> columns) {
        super(detail);
        this.status = status;
        this.title = title;
        this.columns = Map.copyOf(columns);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(status, title, detail, Map.of());
    }

    /** 400: the request is not what the route reads (malformed JSON, a missing field). */
    public static Problem badRequest(String detail) {
        return of(400, "Bad Request", detail);
    }

    public static Problem notFound(String detail) {
        return of(404, "Not Found", detail);
    }

    public static Problem conflict(String detail) {
        return of(409, "Conflict", detail);
    }

    public static Problem tooLarge(long limitBytes) {
        return of(413, "Payload Too Large", "the request body is over the limit of " + limitBytes / (1024 * 1024)
                + " MB (--max-upload-mb); send a smaller file or restart the server with a larger limit");
    }

    /** 422: well-formed but unusable input (the CLI's one-line message for the same input). */
    public static Problem unprocessable(String detail) {
        return of(422, "Unprocessable Entity", detail);
    }

    /** 422 for rows that do not fit a model's schema, naming the columns of each kind of mismatch. */
    public static Problem schema(String detail, Map<String, List<String>> columns) {
        return new Problem(422, "Unprocessable Entity", detail, columns);
    }

    public static Problem unauthorized() {
        return of(401, "Unauthorized", "this server requires a token: send 'Authorization: Bearer TOKEN' "
                + "(the content of the server's --token-file) or log in at /login");
    }

    public static Problem unavailable(String detail) {
        return of(503, "Service Unavailable", detail);
    }

    public int status() {
        return status;
    }

    /** The response body: type, title, status, detail, and the column lists of a schema error. */
    public Map<String, Object> body() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "about:blank");
        b.put("title", title);
        b.put("status", status);
        b.put("detail", getMessage());
        b.putAll(new java.util.TreeMap<>(columns));
        return b;
    }
}
