package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.AtomicOutput;
import io.transfab.data.Column;
import io.transfab.data.ColumnType;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
    /**
     * Newest version of the on-disk layout; loading refuses newer versions. Version 1: no domain
     * parts; 2: a domain column (per-domain statistics, adapters), so that a build before it refused
     * such a model rather than silently predicting with the pooled statistics; 3: {@code writtenBy}
     * and the {@code checksums} of every parameter file (see {@link ModelJson}); 4: composition
     * inputs as log-ratio coordinates ({@code inputNormalizer.composition}, see {@link LogRatio}), so
     * that a build before it refuses such a model rather than predicting from raw fractions. A model
     * with composition inputs is written as version 4, every other as version 3; versions 1 and 2
     * still load, with a warning that they cannot be checked for damage.
     */
    public static final int FORMAT_VERSION = ModelJson.FORMAT_VERSION;

    /** The {@code format} of a tabular model's model.json. */
    static final String FORMAT = "transfab-model";

    private final Schema schema;
    private final InputScaling scaling;
    private final Normalizer inputs;
    private final Normalizer outputs;
    private final String domainColumn;
    private final Regressor regressor;
    private final String method;
    private final Map<String, Object> details;
    private final Provenance provenance;
    private final List<String> loadWarnings;
    private final Calibration calibration;

    private TrainedModel(Schema schema, InputScaling scaling, Normalizer outputs, Regressor regressor, String method,
            Map<String, Object> details, Provenance provenance, String domainColumn, Calibration calibration,
            List<String> loadWarnings) {
        Normalizer inputs = scaling.pooled();
        if (scaling.isPerDomain() && !scaling.domainColumn().equals(domainColumn)) {
            throw new IllegalArgumentException("per-domain statistics keyed by '" + scaling.domainColumn()
                    + "' but the model's domain column is " + domainColumn);
        }
        if (DomainRegressor.known(regressor) != null && domainColumn == null) {
            throw new IllegalArgumentException("a regressor with per-domain parts needs a domain column");
        }
        if (inputs.width() != schema.encodedWidth() || regressor.inputCount() != schema.encodedWidth()) {
            throw new IllegalArgumentException("input width mismatch: schema " + schema.encodedWidth()
                    + ", normaliser " + inputs.width() + ", regressor " + regressor.inputCount());
        }
        if (outputs.width() != schema.targets().size() || regressor.outputCount() != schema.targets().size()) {
            throw new IllegalArgumentException("output width mismatch");
        }
        this.schema = schema;
        this.scaling = scaling;
        this.domainColumn = domainColumn;
        this.inputs = inputs;
        this.outputs = outputs;
        this.regressor = regressor;
        this.method = method;
        this.details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.provenance = provenance;
        this.loadWarnings = List.copyOf(loadWarnings);
        if (calibration != null && calibration.targets().size() != schema.targets().size()) {
            throw new IllegalArgumentException("calibration has " + calibration.targets().size()
                    + " targets, the model " + schema.targets().size());
        }
        this.calibration = calibration;
    }

    /** This model with {@code c} as its interval calibration (null: uncalibrated). */
    public TrainedModel withCalibration(Calibration c) {
        return new TrainedModel(schema, scaling, outputs, regressor, method, details, provenance, domainColumn, c,
                loadWarnings);
    }

    /** The conformal calibration of its intervals, or null for an uncalibrated model. */
    public Calibration calibration() {
        return calibration;
    }

    /** A model with one input normaliser (standard scheme) and no domain column. */
    public static TrainedModel of(Schema schema, Normalizer inputs, Normalizer outputs, Regressor regressor,
            String method, Map<String, Object> details, Provenance provenance) {
        schema.requireTabular(provenance.dataSource());
        return new TrainedModel(schema, InputScaling.global(NormalizationScheme.STANDARD, inputs, numericMask(schema)),
                outputs, regressor, method, details, provenance, null, null, List.of());
    }

    /**
     * A model with any input scaling and, when it has per-domain parts (per-domain statistics or
     * adapters), the table column that names each row's domain (else null).
     */
    public static TrainedModel of(Schema schema, InputScaling inputs, Normalizer outputs, Regressor regressor,
            String method, Map<String, Object> details, Provenance provenance, String domainColumn) {
        schema.requireTabular(provenance.dataSource());
        return new TrainedModel(schema, inputs, outputs, regressor, method, details, provenance, domainColumn, null,
                List.of());
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

    /** The pooled input statistics (the only ones unless the model normalises per domain). */
    public Normalizer inputNormalizer() {
        return inputs;
    }

    /** The input scaling: scheme, pooled and per-domain statistics. */
    public InputScaling inputScaling() {
        return scaling;
    }

    /** The column naming each row's domain when the model has per-domain parts, else null. */
    public String domainColumn() {
        return domainColumn;
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

    /**
     * What loading found worth telling the user (e.g. a model saved before checksums, which cannot
     * be checked for damage); empty for a model made in this run. Commands print them as warnings.
     */
    public List<String> loadWarnings() {
        return loadWarnings;
    }

    /**
     * Predicts a table in its units; the table must have every feature column, and the domain
     * column when the model has one (unseen domains use the pooled statistics). The standard
     * deviations are calibrated at {@link Calibration#REFERENCE_LEVEL} (see {@link #calibrated}).
     */
    public Prediction predict(Table table) {
        return predict(table, UnseenDomainRule.POOLED).prediction();
    }

    /** Predictions and, per row, whether its domain was unseen, with one note per unseen domain. */
    public record DomainPrediction(Prediction prediction, boolean[] unseen, List<String> notes) {
        public DomainPrediction {
            unseen = unseen.clone();
            notes = List.copyOf(notes);
        }

        @Override
        public boolean[] unseen() {
            return unseen.clone();
        }
    }

    /** {@link #predict(Table)} with a rule for the input statistics of unseen domains, reporting them. */
    public DomainPrediction predict(Table table, UnseenDomainRule rule) {
        double[][] x = Dataset.featuresOnly(table, schema).x();
        String[] labels = domainColumn == null ? null : Domains.labels(table, domainColumn);
        return predictEncoded(x, labels, rule);
    }

    /** Predicts encoded (one-hot, not normalised) inputs; with a domain column every row counts as unseen. */
    public Prediction predictEncoded(double[][] x) {
        return predictEncoded(x, null, UnseenDomainRule.POOLED).prediction();
    }

    /** {@link #predictEncoded(double[][])} with the regressor's own, uncalibrated standard deviations. */
    public Prediction predictEncodedUncalibrated(double[][] x) {
        return rawEncoded(x, null, UnseenDomainRule.POOLED).prediction();
    }

    /**
     * Predictions of a table with central intervals at {@code level}: calibrated (conformal) when
     * the model has a {@link Calibration}, else the normal-theory {@code mu +- z sigma} (NaN where
     * the model gives no sigma) with a note saying so.
     */
    public PredictionIntervals predictIntervals(Table table, UnseenDomainRule rule, double level) {
        double[][] x = Dataset.featuresOnly(table, schema).x();
        String[] labels = domainColumn == null ? null : Domains.labels(table, domainColumn);
        DomainPrediction raw = rawEncoded(x, labels, rule);
        return PredictionIntervals.of(raw, calibrated(raw.prediction()), calibration, outputs.scale(), level,
                schema.targetNames());
    }

    /**
     * Intervals at {@code level} of means and standard deviations this model reported (e.g. a
     * suggestion's): per target the half-width is {@code f std} with f = z_90 q_L / q_90 for a
     * calibrated target (q the conformal quantiles), q_L when too few rows bound q_90 (std is then
     * the model's own sigma), and z_L for an uncalibrated model.
     */
    public PredictionIntervals intervalsOf(Prediction reported, double level) {
        Calibration.requireLevel(level);
        int w = schema.targets().size();
        double zRef = io.transfab.evaluate.NormalDistribution.quantile(0.5 + Calibration.REFERENCE_LEVEL / 2);
        double zL = io.transfab.evaluate.NormalDistribution.quantile(0.5 + level / 2);
        double[] f = new double[w];
        for (int t = 0; t < w; t++) {
            if (calibration == null) {
                f[t] = zL;
            } else {
                Calibration.TargetScores s = calibration.targets().get(t);
                double qRef = s.quantile(Calibration.REFERENCE_LEVEL);
                f[t] = Double.isFinite(qRef) ? zRef * s.quantile(level) / qRef : s.quantile(level);
            }
        }
        double[][] lower = new double[reported.rows()][w];
        double[][] upper = new double[reported.rows()][w];
        for (int i = 0; i < reported.rows(); i++) {
            for (int t = 0; t < w; t++) {
                double half = f[t] * reported.std()[i][t];
                lower[i][t] = reported.mean()[i][t] - half;
                upper[i][t] = reported.mean()[i][t] + half;
            }
        }
        List<String> notes = new ArrayList<>();
        if (calibration == null) {
            notes.add("the model has no calibration block (saved by an older transfab, or a hybrid model, which "
                    + "transfab does not calibrate yet); the intervals are normal-theory mu +- z sigma, not calibrated");
        }
        return new PredictionIntervals(reported, lower, upper, level, calibration != null,
                new boolean[reported.rows()], notes);
    }

    /**
     * The standard deviations calibrated at {@link Calibration#REFERENCE_LEVEL}: {@code q sigma / z}
     * so that {@code mu +- z std} is the conformal 90 % interval. A target whose calibration is
     * unbounded at that level (too few rows) keeps its own sigma; an uncalibrated model keeps all.
     */
    private Prediction calibrated(Prediction raw) {
        if (calibration == null) {
            return raw;
        }
        Prediction c = calibration.calibrate(raw, outputs.scale(), Calibration.REFERENCE_LEVEL);
        double[][] std = c.std();
        for (int t = 0; t < schema.targets().size(); t++) {
            if (!calibration.bounded(t, Calibration.REFERENCE_LEVEL)) {
                for (int i = 0; i < std.length; i++) {
                    std[i][t] = raw.std()[i][t];
                }
            }
        }
        return c;
    }

    /**
     * Predicts encoded inputs of the given domains ({@code labels} may be null: every row unseen, or
     * no domain column). Rows are scaled with their domain's statistics and predicted by the
     * regressor bound to their domain.
     */
    public DomainPrediction predictEncoded(double[][] x, String[] labels, UnseenDomainRule rule) {
        DomainPrediction raw = rawEncoded(x, labels, rule);
        return new DomainPrediction(calibrated(raw.prediction()), raw.unseen(), raw.notes());
    }

    private DomainPrediction rawEncoded(double[][] x, String[] labels, UnseenDomainRule rule) {
        if (domainColumn == null) {
            Prediction z = regressor.predict(inputs.apply(x));
            return new DomainPrediction(new Prediction(outputs.invert(z.mean()), outputs.invertSpread(z.std())),
                    new boolean[x.length], List.of());
        }
        String[] l = labels != null ? labels : new String[x.length];
        if (labels == null) {
            java.util.Arrays.fill(l, "");
        }
        InputScaling.Applied applied = scaling.apply(x, l, rule);
        java.util.Set<String> adapted = DomainRegressor.known(regressor);
        Prediction z = DomainRegressor.predict(regressor, applied.z(), l);
        boolean[] unseen = applied.unseen();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, int[]> g : InputScaling.groups(l).entrySet()) {
            String d = g.getKey();
            int[] rows = g.getValue();
            List<String> fallbacks = new ArrayList<>();
            if (applied.rules().containsKey(d)) {
                fallbacks.add(UnseenDomainRule.OWN_ROWS.cliName().equals(applied.rules().get(d))
                        ? "input statistics from its own " + rows.length + " rows"
                        : "pooled input statistics of the training rows");
            }
            if (adapted != null && !adapted.contains(d)) {
                fallbacks.add("the mean of the trained adapters");
                for (int r : rows) {
                    unseen[r] = true;
                }
            }
            if (!fallbacks.isEmpty()) {
                notes.add((d.isEmpty() ? "rows without a domain label" : domainColumn + " '" + d + "'") + " ("
                        + rows.length + " rows) is not in the model; used " + String.join(" and ", fallbacks));
            }
        }
        return new DomainPrediction(new Prediction(outputs.invert(z.mean()), outputs.invertSpread(z.std())), unseen,
                notes);
    }

    /**
     * Writes the model directory atomically (a reader never sees half a model), replacing only an earlier
     * model there: the regressor's files under {@code regressor/}, then model.json with their checksums.
     */
    public void save(Path dir) throws IOException {
        save(OutputTarget.of(dir, OutputKind.MODEL));
    }

    /** Writes the model directory atomically to a checked target (see {@link AtomicOutput#writeDirectory}). */
    public void save(OutputTarget target) throws IOException {
        AtomicOutput.writeDirectory(target, tmp -> {
            Path reg = tmp.resolve("regressor");
            Files.createDirectories(reg);
            regressor.save(reg);
            Json.write(tmp.resolve(ModelJson.FILE), toJson(tmp));
        });
    }

    /** model.json, one block per concern; {@code dir} holds the parameter files already written. */
    private ObjectNode toJson(Path dir) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ModelJson.putHeader(root, FORMAT);
        if (scaling.logRatio() != null) {
            root.put("formatVersion", ModelJson.COMPOSITION_SINCE);
        }
        root.set("schema", Json.MAPPER.valueToTree(schema));
        root.set("inputNormalizer", scaling.toJson());
        root.set("outputNormalizer", InputScaling.normalizerJson(outputs));
        if (domainColumn != null) {
            root.putObject("domain").put("column", domainColumn);
        }
        root.putObject("regressor").put("kind", regressor.kind()).put("dir", "regressor");
        ModelJson.putTraining(root, method, details, provenance);
        if (calibration != null) {
            root.set("calibration", calibration.toJson(schema.targetNames()));
        }
        ModelJson.putChecksums(root, dir);
        return root;
    }

    /**
     * Loads a model directory. A missing or foreign directory, a newer format version, a parameter
     * file that is missing or does not match its checksum, and a missing field or bad value are
     * {@link DataException}s; anything else (a bug) propagates as it is.
     */
    public static TrainedModel load(Path dir) {
        Path file = dir.resolve(ModelJson.FILE);
        JsonNode root = ModelJson.read(dir, "; pass the --out directory of pretrain, finetune or train");
        if (io.transfab.model.nn.HybridModel.FORMAT.equals(root.path("format").asText())) {
            throw DataException.of(dir.toString(), "is a hybrid model (image or series inputs); so far only "
                    + "predict and finetune read hybrid models");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw DataException.of(file.toString(), "is not a transfab model file");
        }
        int version = ModelJson.formatVersion(root, dir);
        List<String> warnings = ModelJson.verifyChecksums(root, version, dir);
        try {
            Schema schema = Json.required(root, "schema", Schema.class, file);
            InputScaling in = InputScaling.fromJson(Json.required(root, "inputNormalizer", file), numericMask(schema));
            Normalizer out = InputScaling.normalizer(Json.required(root, "outputNormalizer", file));
            String domain = root.has("domain") ? Json.requiredText(root.get("domain"), "column", file) : null;
            JsonNode reg = Json.required(root, "regressor", file);
            Regressor regressor = Regressors.load(Json.requiredText(reg, "kind", file),
                    dir.resolve(Json.requiredText(reg, "dir", file)));
            Calibration calibration = root.has("calibration")
                    ? Calibration.fromJson(root.get("calibration"), schema.targetNames()) : null;
            return new TrainedModel(schema, in, out, regressor, ModelJson.method(root, file),
                    ModelJson.details(root, file), ModelJson.provenance(root, file), domain, calibration, warnings);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            // Format problems only: IO on the model files, missing fields, values the constructors reject.
            throw DataException.of(dir.toString(), "model directory is damaged or incomplete (" + e.getMessage() + ")");
        }
    }
}
