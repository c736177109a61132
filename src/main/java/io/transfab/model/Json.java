package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's one JSON configuration (pretty, deterministic key order of records). */
public final class Json {
    /** Shared, thread-safe after configuration. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    public static void write(Path file, Object value) throws IOException {
        Files.writeString(file, MAPPER.writeValueAsString(value) + "\n");
    }

    public static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    /**
     * {@code parent.field}, or an {@link IOException} naming {@code file} and the field when it (or
     * {@code parent}) is missing or null: model loaders check required fields rather than fail later.
     */
    public static JsonNode required(JsonNode parent, String field, Path file) throws IOException {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            throw new IOException(file + ": missing field '" + field + "'");
        }
        return v;
    }

    /** {@link #required} that must be a JSON string. */
    public static String requiredText(JsonNode parent, String field, Path file) throws IOException {
        JsonNode v = required(parent, field, file);
        if (!v.isTextual()) {
            throw new IOException(file + ": field '" + field + "' is not a string (got " + v + ")");
        }
        return v.asText();
    }

    /** {@link #required} that must be a JSON array. */
    public static JsonNode requiredArray(JsonNode parent, String field, Path file) throws IOException {
        JsonNode v = required(parent, field, file);
        if (!v.isArray()) {
            throw new IOException(file + ": field '" + field + "' is not an array (got " + v + ")");
        }
        return v;
    }

    /** {@link #required} converted to {@code type}. */
    public static <T> T required(JsonNode parent, String field, Class<T> type, Path file) throws IOException {
        return MAPPER.treeToValue(required(parent, field, file), type);
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
