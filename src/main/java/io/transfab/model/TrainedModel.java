package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.AtomicOutput;
import io.transfab.data.Column;
import io.transfab.data.ColumnType;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, immutable model as users see it: schema (columns, units, categories), input and
 * target normalisation, the fitted regressor, how it was trained and its provenance. Saved as a
 * directory holding {@code model.json} and the regressor's files under {@code regressor/}.
 */
public final class TrainedModel {
    /** Version of the on-disk layout; loading refuses newer versions. */
    public static final int FORMAT_VERSION = 1;

    private final Schema schema;
    private final Normalizer inputs;
    private final Normalizer outputs;
    private final Regressor regressor;
    private final String method;
    private final Map<String, Object> details;
    private final Provenance provenance;

    private TrainedModel(Schema schema, Normalizer inputs, Normalizer outputs, Regressor regressor, String method,
            Map<String, Object> details, Provenance provenance) {
        if (inputs.width() != schema.encodedWidth() || regressor.inputCount() != schema.encodedWidth()) {
            throw new IllegalArgumentException("input width mismatch: schema " + schema.encodedWidth()
                    + ", normaliser " + inputs.width() + ", regressor " + regressor.inputCount());
        }
        if (outputs.width() != schema.targets().size() || regressor.outputCount() != schema.targets().size()) {
            throw new IllegalArgumentException("output width mismatch");
        }
        this.schema = schema;
        this.inputs = inputs;
        this.outputs = outputs;
        this.regressor = regressor;
        this.method = method;
        this.details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.provenance = provenance;
    }

    public static TrainedModel of(Schema schema, Normalizer inputs, Normalizer outputs, Regressor regressor,
            String method, Map<String, Object> details, Provenance provenance) {
        schema.requireTabular(provenance.dataSource());
        return new TrainedModel(schema, inputs, outputs, regressor, method, details, provenance);
    }

    /** Which encoded inputs are numeric (standardised) rather than one-hot (kept as 0/1). */
    public static boolean[] numericMask(Schema schema) {
        boolean[] mask = new boolean[schema.encodedWidth()];
        int k = 0;
        for (Column f : schema.features()) {
            for (int j = 0; j < f.width(); j++) {
                mask[k++] = f.type() == ColumnType.NUMERIC;
            }
        }
        return mask;
    }

    public Schema schema() {
        return schema;
    }

    public Normalizer inputNormalizer() {
        return inputs;
    }

    public Normalizer outputNormalizer() {
        return outputs;
    }

    public Regressor regressor() {
        return regressor;
    }

    /** How it was trained, e.g. "mlp", "gp", "finetune:l2sp". */
    public String method() {
        return method;
    }

    /** Options and choices of training (hyperparameters, what auto chose), JSON-friendly. */
    public Map<String, Object> details() {
        return details;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** Predicts a table in its units; the table must have every feature column. */
    public Prediction predict(Table table) {
        return predictEncoded(Dataset.featuresOnly(table, schema).x());
    }

    /** Predicts encoded (one-hot, not normalised) inputs. */
    public Prediction predictEncoded(double[][] x) {
        Prediction z = regressor.predict(inputs.apply(x));
        return new Prediction(outputs.invert(z.mean()), outputs.invertSpread(z.std()));
    }

    /** Writes the model directory atomically (a reader never sees half a model). */
    public void save(Path dir) throws IOException {
        AtomicOutput.writeDirectory(dir, tmp -> {
            Path reg = tmp.resolve("regressor");
            Files.createDirectories(reg);
            regressor.save(reg);
            Json.write(tmp.resolve("model.json"), toJson());
        });
    }

    private ObjectNode toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", "transfab-model");
        root.put("formatVersion", FORMAT_VERSION);
        root.set("schema", Json.MAPPER.valueToTree(schema));
        root.set("inputNormalizer", normalizerJson(inputs));
        root.set("outputNormalizer", normalizerJson(outputs));
        root.putObject("regressor").put("kind", regressor.kind()).put("dir", "regressor");
        ObjectNode training = root.putObject("training");
        training.put("method", method);
        training.set("details", Json.MAPPER.valueToTree(details));
        root.set("provenance", Json.MAPPER.valueToTree(provenance));
        return root;
    }

    private static ObjectNode normalizerJson(Normalizer n) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set("center", Json.MAPPER.valueToTree(n.center()));
        o.set("scale", Json.MAPPER.valueToTree(n.scale()));
        return o;
    }

    /** Loads a model directory; a missing or foreign directory is a {@link DataException}. */
    public static TrainedModel load(Path dir) {
        Path file = dir.resolve("model.json");
        JsonNode root;
        try {
            root = Json.read(file);
        } catch (NoSuchFileException e) {
            throw DataException.of(dir.toString(), "not a transfab model directory (no model.json); pass the --out "
                    + "directory of pretrain, finetune or train");
        } catch (IOException e) {
            throw DataException.of(file.toString(), "cannot be read as JSON (" + e.getMessage() + ")");
        }
        if (io.transfab.model.nn.HybridModel.FORMAT.equals(root.path("format").asText())) {
            throw DataException.of(dir.toString(), "is a hybrid model (image or series inputs); so far only "
                    + "predict and finetune read hybrid models");
        }
        if (!"transfab-model".equals(root.path("format").asText())) {
            throw DataException.of(file.toString(), "is not a transfab model file");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw DataException.of(file.toString(), "model format version " + version + " is not supported by this "
                    + "transfab (reads 1.." + FORMAT_VERSION + "); upgrade transfab");
        }
        try {
            Schema schema = Json.MAPPER.treeToValue(root.get("schema"), Schema.class);
            Normalizer in = Normalizer.of(doubles(root.at("/inputNormalizer/center")),
                    doubles(root.at("/inputNormalizer/scale")));
            Normalizer out = Normalizer.of(doubles(root.at("/outputNormalizer/center")),
                    doubles(root.at("/outputNormalizer/scale")));
            JsonNode reg = root.get("regressor");
            Regressor regressor = Regressors.load(reg.get("kind").asText(), dir.resolve(reg.get("dir").asText()));
            @SuppressWarnings("unchecked")
            Map<String, Object> details = Json.MAPPER.treeToValue(root.at("/training/details"), LinkedHashMap.class);
            Provenance prov = Json.MAPPER.treeToValue(root.get("provenance"), Provenance.class);
            return new TrainedModel(schema, in, out, regressor, root.at("/training/method").asText(), details, prov);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException de) {
                throw de;
            }
            throw DataException.of(dir.toString(), "model directory is damaged or incomplete (" + e.getMessage() + ")");
        }
    }

    private static double[] doubles(JsonNode arr) {
        List<Double> vals = new ArrayList<>();
        for (JsonNode v : arr) {
            vals.add(v.asDouble());
        }
        return vals.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
