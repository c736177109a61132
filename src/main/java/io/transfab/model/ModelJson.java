package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.DataException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every saved model kind (tabular {@link TrainedModel}, hybrid) does alike with its
 * {@code model.json}: reading the file with a user-facing error, and the closing {@code training}
 * ({@code method}, {@code details}) and {@code provenance} blocks.
 */
public final class ModelJson {
    /** The name of the file in a model directory. */
    public static final String FILE = "model.json";

    private ModelJson() {
    }

    /**
     * Reads {@code dir/model.json}. A missing file is "not a transfab model directory (no
     * model.json)" followed by {@code missingHint} (empty or starting with "; "); a file that is not
     * JSON is named with the parser's reason. Both are {@link DataException}s.
     */
    public static JsonNode read(Path dir, String missingHint) {
        Path file = dir.resolve(FILE);
        try {
            return Json.read(file);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw DataException.of(dir.toString(), "not a transfab model directory (no model.json)" + missingHint);
        } catch (IOException e) {
            throw DataException.of(file.toString(), "cannot be read as JSON (" + e.getMessage() + ")");
        }
    }

    /** Appends the {@code training} block ({@code method}, {@code details}) and then {@code provenance}. */
    public static void putTraining(ObjectNode root, String method, Map<String, Object> details,
            Provenance provenance) {
        ObjectNode training = root.putObject("training");
        training.put("method", method);
        training.set("details", Json.MAPPER.valueToTree(details));
        root.set("provenance", Json.MAPPER.valueToTree(provenance));
    }

    /** {@code training.method} as written by {@link #putTraining}. */
    public static String method(JsonNode root) {
        return root.at("/training/method").asText();
    }

    /** {@code training.details} as written by {@link #putTraining}, in their saved order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> details(JsonNode root) throws IOException {
        return Json.MAPPER.treeToValue(root.at("/training/details"), LinkedHashMap.class);
    }

    /** The {@code provenance} block as written by {@link #putTraining}. */
    public static Provenance provenance(JsonNode root) throws IOException {
        return Json.MAPPER.treeToValue(root.get("provenance"), Provenance.class);
    }
}
