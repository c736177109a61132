package io.transfab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.transfab.data.CsvReader;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.model.ModelJson;
import io.transfab.model.TrainedModel;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Models: the list of {@code WORKSPACE/models/}, one model's provenance, schema and training ranges,
 * and predictions (JSON in either orientation, or a CSV body; JSON out, or CSV with
 * {@code Accept: text/csv}), also in MLflow's {@code /invocations} form.
 */
final class ModelRoutes {
    /** The interval coverage when a request names none (the CLI's --level default). */
    static final double DEFAULT_LEVEL = 0.9;

    private final Services services;

    ModelRoutes(Services services) {
        this.services = services;
    }

    /** {@code GET /api/v1/models}: name, method, targets, features and version of each model directory. */
    void list(Context ctx) throws IOException {
        ArrayNode models = Bodies.JSON.createArrayNode();
        for (String name : names()) {
            ObjectNode m = models.addObject();
            m.put("name", name);
            try {
                JsonNode root = Json.read(services.workspace().models().resolve(name).resolve(ModelJson.FILE));
                m.put("format", root.path("format").asText());
                m.put("method", root.path("training").path("method").asText(null));
                m.put("version", version(root));
                m.set("targets", names(root.path("schema").path("targets")));
                m.set("features", names(root.path("schema").path("features")));
            } catch (IOException e) {
                m.put("error", ModelJson.FILE + " cannot be read: " + TransfabServer.oneLine(e.getMessage()));
            }
        }
        ObjectNode body = Bodies.JSON.createObjectNode();
        body.set("models", models);
        Bodies.json(ctx, body);
    }

    /** Names of the model directories (those holding a model.json), sorted. */
    private List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(services.workspace().models())) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (Workspace.isName(n) && Files.isRegularFile(p.resolve(ModelJson.FILE))) {
                    names.add(n);
                }
            }
        }
        names.sort(null);
        return names;
    }

    private static ArrayNode names(JsonNode columns) {
        ArrayNode a = Bodies.JSON.createArrayNode();
        columns.forEach(c -> a.add(c.path("name").asText()));
        return a;
    }

    private static String version(JsonNode root) {
        String hash = root.path("provenance").path("dataSha256").asText("");
        return hash.isEmpty() ? "unknown" : hash.substring(0, Math.min(Predictions.VERSION_LENGTH, hash.length()));
    }

    /**
     * {@code GET /api/v1/models/{name}}: method (the strategy of a fine-tuned model), schema with units
     * and categories, training ranges, provenance (data source and hash, rows, seed, base data,
     * software versions) and the calibration's method.
     */
    void detail(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Path dir = Workspace.existingDir(services.workspace().models(), name, "model");
        Path file = dir.resolve(ModelJson.FILE);
        if (!Files.isRegularFile(file)) {
            throw Problem.notFound("no model '" + name + "' in models/ of the workspace (no " + ModelJson.FILE + ")");
        }
        JsonNode root;
        try {
            root = Json.read(file);
        } catch (IOException e) {
            throw DataException.of(file.toString(), "cannot be read (" + TransfabServer.oneLine(e.getMessage()) + ")");
        }
        ObjectNode m = Bodies.JSON.createObjectNode();
        m.put("name", name);
        m.put("version", version(root));
        m.put("format", root.path("format").asText());
        m.put("formatVersion", root.path("formatVersion").asInt());
        m.put("writtenBy", root.path("writtenBy").asText(null));
        m.put("method", root.path("training").path("method").asText(null));
        m.set("schema", root.path("schema"));
        if (root.has("domain")) {
            m.set("domain", root.get("domain"));
        }
        m.set("ranges", ranges(root.path("training").path("details").path("trainingRanges")));
        m.set("provenance", root.path("provenance"));
        JsonNode cal = root.path("calibration");
        if (cal.isObject()) {
            ObjectNode c = m.putObject("calibration");
            c.put("method", cal.path("method").asText());
            c.put("source", cal.path("source").asText());
        } else {
            m.putNull("calibration");
        }
        Bodies.json(ctx, m);
    }

    /** Training ranges as {@code {"feature": {"min", "max", "mean", "sd"}}}; empty for models saved without them. */
    private static ObjectNode ranges(JsonNode tr) {
        ObjectNode out = Bodies.JSON.createObjectNode();
        JsonNode names = tr.path("names");
        for (int j = 0; j < names.size(); j++) {
            ObjectNode r = out.putObject(names.get(j).asText());
            for (String k : List.of("min", "max", "mean", "sd")) {
                r.set(k, tr.path(k).path(j));
            }
        }
        return out;
    }

    /** {@code POST /api/v1/models/{name}/predict}. */
    void predict(Context ctx) throws IOException {
        predict(ctx, ctx.pathParam("name"));
    }

    /**
     * {@code POST /invocations}: MLflow's scoring route; the model is {@code ?model=NAME}, or the only
     * model of the workspace.
     */
    void invocations(Context ctx) throws IOException {
        String name = ctx.queryParam("model");
        if (name == null) {
            List<String> names = names();
            if (names.size() != 1) {
                throw Problem.badRequest("the workspace has " + names.size() + " models" + (names.isEmpty() ? ""
                        : " (" + String.join(", ", names) + ")") + "; name one with /invocations?model=NAME");
            }
            name = names.get(0);
        }
        predict(ctx, name);
    }

    private void predict(Context ctx, String name) throws IOException {
        TrainedModel model = services.models().get(name).model();
        Table table;
        Double level = null;
        boolean csv = Bodies.isCsv(ctx);
        if (csv) {
            table = CsvReader.parse(PredictRequest.SOURCE, Bodies.bytes(ctx, services.options().maxUploadBytes()));
        } else {
            PredictRequest req = PredictRequest.parse(Bodies.json(ctx, services.options().maxUploadBytes()));
            table = req.table();
            level = req.level().isPresent() ? req.level().getAsDouble() : null;
        }
        String param = ctx.queryParam("level");
        if (level == null && param != null) {
            try {
                level = Double.parseDouble(param);
            } catch (NumberFormatException e) {
                throw Problem.badRequest("?level must be a number in (0, 1), e.g. 0.9; got " + param);
            }
        }
        double l = level == null ? DEFAULT_LEVEL : level;
        if (!(l > 0 && l < 1)) {
            throw Problem.badRequest("level must be in (0, 1), e.g. 0.9; got " + l);
        }
        Predictions.Computed c = Predictions.compute(model, table, l, csv);
        String accept = ctx.header("Accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains(Bodies.CSV)) {
            Bodies.csv(ctx, name + "-predictions.csv", CsvWriter.toCsv(Predictions.table(model, c)));
        } else {
            Bodies.json(ctx, Predictions.response(name, model, c));
        }
    }
}
