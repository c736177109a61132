package io.transfab.model.nn;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.AtomicOutput;
import io.transfab.data.DataException;
import io.transfab.data.MediaDataset;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Ensemble;
import io.transfab.model.Json;
import io.transfab.model.ModelJson;
import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import io.transfab.model.Provenance;
import io.transfab.model.Regressor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete hybrid model as users see it: the schema (with its image and series columns), the
 * input and target standardisation, an ensemble of {@link HybridRegressor}s trained with different
 * seeds (their spread is the uncertainty, as for MLP ensembles), how it was trained and its
 * provenance (its data hash covers the table text and every image and series file). Saved as a
 * directory holding {@code model.json} (format {@value #FORMAT}, with the checksums of the other
 * files) and one pair of parameter files per member.
 */
public final class HybridModel {
    /** The {@code format} of a hybrid model's model.json. */
    public static final String FORMAT = "transfab-hybrid-model";
    /**
     * Newest format version, shared with tabular models ({@link ModelJson#FORMAT_VERSION}): 1 was
     * the first hybrid layout, 3 added {@code writtenBy} and checksums (no hybrid was written as 2).
     */
    public static final int FORMAT_VERSION = ModelJson.FORMAT_VERSION;
    /** Rows per prediction batch: bounds the decoded images held at once. */
    static final int PREDICT_BATCH = 64;

    private final Schema schema;
    private final HybridScaling scaling;
    private final List<HybridRegressor> members;
    private final String method;
    private final Map<String, Object> details;
    private final Provenance provenance;
    private final List<String> loadWarnings;

    HybridModel(Schema schema, HybridScaling scaling, List<HybridRegressor> members, String method,
            Map<String, Object> details, Provenance provenance) {
        this(schema, scaling, members, method, details, provenance, List.of());
    }

    private HybridModel(Schema schema, HybridScaling scaling, List<HybridRegressor> members, String method,
            Map<String, Object> details, Provenance provenance, List<String> loadWarnings) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a hybrid model needs at least one member");
        }
        HybridArchitecture a = members.get(0).architecture();
        for (HybridRegressor m : members) {
            if (!m.architecture().equals(a)) {
                throw new IllegalArgumentException("hybrid ensemble members differ in architecture");
            }
        }
        if (a.tabularInputs() != schema.encodedWidth() || a.targets() != schema.targets().size()) {
            throw new IllegalArgumentException("architecture does not match the schema");
        }
        this.schema = schema;
        this.scaling = scaling;
        this.members = List.copyOf(members);
        this.method = method;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.provenance = provenance;
        this.loadWarnings = List.copyOf(loadWarnings);
    }

    /** Whether {@code dir} holds a hybrid model (rather than a tabular one, or nothing). */
    public static boolean isHybrid(Path dir) {
        try {
            return FORMAT.equals(Json.read(dir.resolve(ModelJson.FILE)).path("format").asText());
        } catch (IOException e) {
            return false;
        }
    }

    public Schema schema() {
        return schema;
    }

    /** "hybrid" or "hybrid-finetune:STRATEGY". */
    public String method() {
        return method;
    }

    public Map<String, Object> details() {
        return details;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** What loading found worth telling the user (see {@link io.transfab.model.TrainedModel#loadWarnings()}). */
    public List<String> loadWarnings() {
        return loadWarnings;
    }

    public List<HybridRegressor> members() {
        return members;
    }

    public HybridArchitecture architecture() {
        return members.get(0).architecture();
    }

    HybridScaling scaling() {
        return scaling;
    }

    /** Predicts a table in its units; images and series are read batch by batch. */
    public Prediction predict(Table table) {
        return predict(MediaDataset.featuresOnly(table, schema), Progress.NONE);
    }

    /** Predicts every row of {@code data}, {@value #PREDICT_BATCH} rows at a time. */
    public Prediction predict(MediaDataset data, Progress progress) {
        int n = data.size();
        int t = schema.targets().size();
        double[][][] outs = new double[members.size()][n][t];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        HybridArchitecture a = architecture();
        try (NDManager manager = Torch.newManager()) {
            List<HybridRegressor.Predictor> predictors = new ArrayList<>();
            for (HybridRegressor m : members) {
                predictors.add(m.predictor(manager));
            }
            int done = 0;
            for (int[] rows : MediaDataset.chunks(all, PREDICT_BATCH)) {
                HybridInputs in;
                try (MediaDataset.Batch b = data.batch(rows)) {
                    in = scaling.prepare(b);
                }
                for (int k = 0; k < predictors.size(); k++) {
                    float[][] z = predictors.get(k).predict(manager, in, a);
                    for (int i = 0; i < rows.length; i++) {
                        for (int j = 0; j < t; j++) {
                            outs[k][rows[i]][j] = z[i][j];
                        }
                    }
                }
                done += rows.length;
                progress.update("hybrid predict", done, n);
            }
        }
        // The members' spread is combined exactly as for MLP ensembles (model.Ensemble).
        List<Regressor> fixed = new ArrayList<>();
        for (double[][] o : outs) {
            fixed.add(new Fixed(Prediction.ofMean(o)));
        }
        Prediction z = fixed.size() == 1 ? ((Fixed) fixed.get(0)).prediction
                : Ensemble.of(fixed).predict(new double[n][0]);
        return new Prediction(scaling.targets().invert(z.mean()), scaling.targets().invertSpread(z.std()));
    }

    /** A member's predictions on the rows at hand, so that {@link Ensemble} can combine them. */
    private record Fixed(Prediction prediction) implements Regressor {
        @Override
        public String kind() {
            return "fixed";
        }

        @Override
        public int inputCount() {
            return 0;
        }

        @Override
        public int outputCount() {
            return prediction.mean()[0].length;
        }

        @Override
        public Prediction predict(double[][] x) {
            return prediction;
        }

        @Override
        public void save(Path dir) {
            throw new UnsupportedOperationException("transient");
        }
    }

    /**
     * Writes the model directory atomically, replacing only an earlier model there: the members' files, then
     * model.json with their checksums.
     */
    public void save(Path dir) throws IOException {
        save(OutputTarget.of(dir, OutputKind.MODEL));
    }

    /** Writes the model directory atomically to a checked target (see {@link AtomicOutput#writeDirectory}). */
    public void save(OutputTarget target) throws IOException {
        AtomicOutput.writeDirectory(target, tmp -> {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ModelJson.putHeader(root, FORMAT);
            root.set("schema", Json.MAPPER.valueToTree(schema));
            root.set("scaling", scaling.toJson());
            ArrayNode m = root.putArray("members");
            for (int k = 0; k < members.size(); k++) {
                members.get(k).save(tmp, "member-" + k);
                m.add("member-" + k);
            }
            ModelJson.putTraining(root, method, details, provenance);
            ModelJson.putChecksums(root, tmp);
            Json.write(tmp.resolve(ModelJson.FILE), root);
        });
    }

    /**
     * Loads a model directory; a missing, foreign, newer, changed or damaged directory is a
     * {@link DataException}, anything else (a bug) propagates as it is.
     */
    public static HybridModel load(Path dir) {
        Path file = dir.resolve(ModelJson.FILE);
        JsonNode root = ModelJson.read(dir, "");
        if (!FORMAT.equals(root.path("format").asText())) {
            throw DataException.of(file.toString(), "is not a hybrid model (format '" + FORMAT + "' expected)");
        }
        int version = ModelJson.formatVersion(root, dir);
        List<String> warnings = ModelJson.verifyChecksums(root, version, dir);
        try {
            Schema schema = Json.required(root, "schema", Schema.class, file);
            List<HybridRegressor> members = new ArrayList<>();
            for (JsonNode m : Json.requiredArray(root, "members", file)) {
                if (!m.isTextual()) {
                    throw new IOException(file + ": members must name parameter files, got " + m);
                }
                members.add(HybridRegressor.load(dir, m.asText()));
            }
            return new HybridModel(schema, HybridScaling.fromJson(Json.required(root, "scaling", file)), members,
                    ModelJson.method(root, file), ModelJson.details(root, file), ModelJson.provenance(root, file),
                    warnings);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            // Format problems only: IO on the model files, missing fields, values the constructors reject.
            throw DataException.of(dir.toString(), "hybrid model directory is damaged or incomplete ("
                    + e.getMessage() + ")");
        }
    }
}
