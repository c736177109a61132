package io.transfab.campaign;

import io.transfab.data.Column;
import io.transfab.data.CsvReader;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Numbers;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.design.DesignMethod;
import io.transfab.design.DesignOptions;
import io.transfab.design.Designer;
import io.transfab.design.ModelBasedDesigner;
import io.transfab.design.SpaceResponse;
import io.transfab.design.Parameter;
import io.transfab.design.ParameterSpace;
import io.transfab.design.Plan;
import io.transfab.design.Proposal;
import io.transfab.design.SuggestGoal;
import io.transfab.design.SuggestOptions;
import io.transfab.design.Suggester;
import io.transfab.evaluate.Metrics;
import io.transfab.evaluate.Splits;
import io.transfab.model.Json;
import io.transfab.model.NormalizationScheme;
import io.transfab.model.Prediction;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.TrainingRounds;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.transfer.FineTuner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An experiment campaign (see docs/design.md#campaigns-transfab-campaign): a parameter space, the measured
 * targets, optionally a pre-trained base model, and the rounds of suggestions, recorded results and model
 * versions that accumulate in its {@link CampaignStore directory}.
 */
public final class Campaign {
    /** Size of the fixed Sobol sample of the space over which mean predicted uncertainty is reported. */
    public static final int UNCERTAINTY_SAMPLE = 256;
    /** Folds of the cross-validation of a version (leave-one-out below this many rows). */
    public static final int CV_FOLDS = 5;
    /** Fewest recorded rows for a cross-validated error. */
    public static final int CV_MIN_ROWS = 3;

    private final CampaignStore store;

    private Campaign(CampaignStore store) {
        this.store = store;
    }

    /** What {@link #init} is given. {@code base}, {@code data} and {@code source} may be null. */
    public record Setup(Path space, List<String> targets, Path base, Path data, Path source, long seed) {
        public Setup {
            targets = List.copyOf(targets);
        }
    }

    /**
     * Creates a campaign directory: copies the space (and the base model), records the optional existing
     * results, and writes the manifest, all in one atomic move.
     */
    public static Campaign init(Path dir, Setup setup) throws IOException {
        String yaml = readText(setup.space());
        ParameterSpace space = ParameterSpace.parse(yaml, setup.space().toString());
        List<String> targets = checkTargets(setup.targets(), space);
        TrainedModel base = null;
        if (setup.base() != null) {
            base = TrainedModel.load(setup.base());
            checkBase(base, space, targets, setup.base().toString());
        }
        String source = "";
        if (setup.source() != null) {
            if (base == null) {
                throw DataException.option("--source is for re-pre-training the base model; give --base too");
            }
            if (!Files.isRegularFile(setup.source())) {
                throw DataException.of(setup.source().toString(), "file not found; check the path");
            }
            source = setup.source().toAbsolutePath().normalize().toString();
        }
        Table results = null;
        if (setup.data() != null) {
            ResultRows.Accepted a = ResultRows.validate(CsvReader.read(setup.data()), space, targets, List.of(),
                    Set.of());
            results = resultsTable(space, targets, a.rows());
        }
        Manifest m = new Manifest(Manifest.FORMAT, Manifest.VERSION, targets,
                space.parameters().stream().map(Parameter::name).toList(), base == null ? "" : CampaignStore.BASE,
                source, setup.seed(), new Manifest.History(results == null ? 0 : results.rowCount(), List.of(),
                        List.of()));
        CampaignStore.create(dir, m, yaml, base, results);
        return open(dir);
    }

    private static String readText(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw DataException.of(file.toString(), "no such file");
        }
    }

    private static List<String> checkTargets(List<String> targets, ParameterSpace space) {
        if (targets.isEmpty()) {
            throw DataException.option("name the measured properties with --targets a,b");
        }
        Set<String> params = new HashSet<>();
        space.parameters().forEach(p -> params.add(p.name()));
        List<String> out = new ArrayList<>();
        for (String t : targets) {
            String s = t.strip();
            if (s.isEmpty() || out.contains(s) || params.contains(s)
                    || s.equals(ResultRows.EXPERIMENT) || s.equals(ResultRows.SUGGESTION)) {
                throw DataException.option("--targets: '" + s + "' is empty, repeated, a parameter of the "
                        + "space or a reserved column name (experiment, suggestion)");
            }
            out.add(s);
        }
        return out;
    }

    private static void checkBase(TrainedModel base, ParameterSpace space, List<String> targets, String where) {
        FineTuner.networks(base);
        for (String f : base.schema().featureNames()) {
            if (space.parameters().stream().noneMatch(p -> p.name().equals(f))) {
                throw DataException.of(where, "the base model's feature '" + f + "' is not a parameter of the space "
                        + "(the base model needs: " + String.join(", ", base.schema().featureNames()) + ")");
            }
        }
        for (String t : targets) {
            if (!base.schema().targetNames().contains(t)) {
                throw DataException.of(where, "target '" + t + "' is not predicted by the base model (it predicts "
                        + String.join(", ", base.schema().targetNames()) + ")");
            }
        }
    }

    /** Opens an existing campaign. */
    public static Campaign open(Path dir) throws IOException {
        return new Campaign(CampaignStore.open(dir));
    }

    /** Opens an existing campaign whose store calls {@code hook} after every write (fault injection in tests). */
    public static Campaign open(Path dir, CampaignStore.WriteHook hook) throws IOException {
        return new Campaign(CampaignStore.open(dir, hook));
    }

    public CampaignStore store() {
        return store;
    }

    public ParameterSpace space() {
        return store.space();
    }

    public List<String> targets() {
        return store.manifest().targets();
    }

    // ---- suggest ---------------------------------------------------------------------------------------------

    /** A new round: its record, the suggestions table (ids first) and remarks for the user. */
    public record Suggested(Round round, Table table, List<String> notes) {
        public Suggested {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Suggests the next round: a designed plan while nothing is recorded, otherwise the latest model version's
     * proposals for the goal ({@link Suggester}). Writes rounds/round-K/ and returns it.
     */
    public Suggested suggest(SuggestRequest request) throws IOException {
        SuggestGoal goal = request.goal();
        if (goal.kind() != SuggestGoal.Kind.EXPLORE && !targets().contains(goal.target())) {
            throw DataException.option("goal " + request.goalText() + " names '" + goal.target()
                    + "', which is not a target of the campaign (" + String.join(", ", targets()) + ")");
        }
        Manifest.History h = store.manifest().history();
        int k = h.rounds().isEmpty() ? 1 : h.rounds().get(h.rounds().size() - 1) + 1;
        long seed = Seeds.derive(request.seed(), k);
        List<String> notes = new ArrayList<>();
        Table table;
        String origin;
        if (h.results() == 0) {
            Plan plan = designedRound(request, seed);
            table = plan.toTable("suggestions");
            origin = "design:" + request.method().cliName();
            notes.addAll(plan.notes());
            notes.add("nothing recorded yet: the round is a " + request.method().cliName() + " design; the goal "
                    + "applies from the first model version on");
        } else {
            if (h.versions().isEmpty()) {
                throw DataException.of(store.dir().toString(), h.results() + " results are recorded but no model "
                        + "is trained yet; run 'transfab campaign retrain --dir " + store.dir() + "' first");
            }
            int v = h.versions().get(h.versions().size() - 1);
            ModelVersion version = store.versions().get(h.versions().size() - 1);
            if (version.rows() < h.results()) {
                notes.add("model v" + v + " was trained on " + version.rows() + " of the " + h.results()
                        + " recorded rows; run 'campaign retrain' to use them all");
            }
            Proposal p = Suggester.suggest(store.model(v), space(), SuggestOptions.of(goal, request.runs(), seed),
                    store.spaceFile().toString());
            table = p.toTable("suggestions");
            origin = "model:v" + v;
        }
        Round round = new Round(k, origin, request.goalText(), table.rowCount(), h.results(), seed);
        Table withIds = withIds(table, round);
        store.writeRound(round, withIds);
        return new Suggested(round, withIds, notes);
    }

    /** The first round's plan; inflection and informative read the campaign's base model. */
    private Plan designedRound(SuggestRequest request, long seed) {
        DesignOptions o = DesignOptions.of(request.method(), request.runs(), seed);
        if (!request.method().needsModel()) {
            return Designer.design(space(), o);
        }
        TrainedModel base = store.base().orElseThrow(() -> DataException.option("--method "
                + request.method().cliName() + " reads the campaign's base model, and this campaign has none "
                + "(campaign init --base DIR)"));
        return ModelBasedDesigner.design(space(), o, SpaceResponse.of(base, space(), store.spaceFile().toString(),
                targets().stream().filter(base.schema().targetNames()::contains).toList()));
    }

    /** The table with a {@code suggestion} id column first (and a plan's {@code run} column dropped). */
    private static Table withIds(Table t, Round round) {
        int run = t.indexOf("run");
        List<String> names = new ArrayList<>(List.of(ResultRows.SUGGESTION));
        List<String> units = new ArrayList<>(List.of(""));
        for (int c = 0; c < t.columnCount(); c++) {
            if (c != run) {
                names.add(t.names().get(c));
                units.add(t.units().get(c));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> row = new ArrayList<>(List.of(round.id(r + 1)));
            for (int c = 0; c < t.columnCount(); c++) {
                if (c != run) {
                    row.add(t.cell(r, c));
                }
            }
            rows.add(row);
        }
        return Table.of("rounds/" + round.name() + "/suggestions.csv", names, units, rows);
    }

    // ---- record ----------------------------------------------------------------------------------------------

    /**
     * What {@link #record} did.
     *
     * @param added rows appended to results.csv
     * @param total rows in results.csv now
     * @param linked added rows that carry a suggestion id
     * @param ignoredColumns input columns that results.csv does not keep
     */
    public record Recorded(int added, int total, int linked, List<String> ignoredColumns) {
        public Recorded {
            ignoredColumns = List.copyOf(ignoredColumns);
        }
    }

    /** Validates the rows of {@code input} ({@link ResultRows}) and appends them to results.csv atomically. */
    public Recorded record(Table input) throws IOException {
        List<List<String>> existing = existingRows();
        Set<String> ids = new HashSet<>();
        for (Round r : store.rounds()) {
            for (int i = 1; i <= r.suggestions(); i++) {
                ids.add(r.id(i));
            }
        }
        ResultRows.Accepted a = ResultRows.validate(input, space(), targets(), existing, ids);
        List<List<String>> all = new ArrayList<>(existing);
        all.addAll(a.rows());
        store.writeResults(resultsTable(space(), targets(), all));
        int linked = (int) a.rows().stream().filter(r -> !r.get(1).isEmpty()).count();
        return new Recorded(a.rows().size(), all.size(), linked, a.ignoredColumns());
    }

    private List<List<String>> existingRows() {
        Optional<Table> t = store.results();
        if (t.isEmpty()) {
            return List.of();
        }
        Table r = t.get();
        if (!r.names().equals(ResultRows.header(space(), targets()))) {
            throw DataException.of(store.dir().resolve(CampaignStore.RESULTS).toString(), "header "
                    + r.names() + " differs from the campaign's " + ResultRows.header(space(), targets())
                    + "; restore the file");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < r.rowCount(); i++) {
            rows.add(r.row(i));
        }
        return rows;
    }

    private static Table resultsTable(ParameterSpace space, List<String> targets, List<List<String>> rows) {
        List<String> header = ResultRows.header(space, targets);
        return Table.of(CampaignStore.RESULTS, header, Collections.nCopies(header.size(), ""), rows);
    }

    // ---- retrain ---------------------------------------------------------------------------------------------

    /**
     * Trains one model on some rows of results.csv; {@code calibrate} false where only its means are read
     * (a cross-validation fold), so a procedure may skip what only the predictive std needs.
     */
    @FunctionalInterface
    private interface Procedure {
        TrainedModel fit(Table rows, long seed, boolean calibrate, Progress progress);
    }

    /** The new version and its model. */
    public record Retrained(ModelVersion version, TrainedModel model) {
    }

    /**
     * Trains a new model version on every recorded row: fine-tuning of the base model (re-pre-trained first
     * with {@code repretrain}), or a Gaussian process from scratch without a base model. Scores it by k-fold
     * cross-validation of the same procedure on the recorded rows and by its mean predicted standard deviation
     * over the fixed Sobol sample, and writes models/vN/.
     */
    public Retrained retrain(RetrainOptions o, Progress progress) throws IOException {
        return retrain(o, progress, false);
    }

    /**
     * {@link #retrain(RetrainOptions, Progress)}; with {@code reference} the cross-validation as it was before
     * its folds became one training round: folds one after the other, every fold fit calibrated (what the
     * round must match, to float rounding).
     */
    Retrained retrain(RetrainOptions o, Progress progress, boolean reference) throws IOException {
        Table results = store.results().orElseThrow(() -> DataException.of(store.dir().toString(),
                "no results recorded yet; run 'transfab campaign record' first"));
        existingRows();
        Optional<TrainedModel> base = store.base();
        TrainedModel pretrained = null;
        Procedure procedure;
        String note = "";
        if (base.isEmpty()) {
            if (o.repretrain()) {
                throw DataException.option("--repretrain needs a campaign with a base model and a source "
                        + "table (campaign init --base DIR --source CSV)");
            }
            Schema schema = schema(space(), targets());
            Map<String, Object> details = Map.of("campaign", "gaussian process from scratch (no base model)");
            // The calibration's refits only change the std; a fold's means are the same without them.
            procedure = (rows, seed, calibrate, p) -> calibrate
                    ? Training.fit(Dataset.of(rows, schema), GaussianProcessTrainer.withDefaults(), 1, seed, details, p)
                    : Training.fitUncalibrated(Dataset.of(rows, schema), GaussianProcessTrainer.withDefaults(), 1,
                            seed, details, p);
        } else {
            TrainedModel b = base.get();
            if (!b.schema().targetNames().equals(targets())) {
                b = FineTuner.withTargets(b, targets());
            }
            if (o.repretrain()) {
                pretrained = repretrain(b, results, Seeds.derive(o.seed(), "repretrain"), progress);
                b = pretrained;
                note = "held-out rows were part of the re-pre-training data, so the CV error is optimistic";
            }
            TrainedModel fixed = b;
            procedure = (rows, seed, calibrate, p) -> FineTuner.fineTune(fixed, Dataset.of(rows, fixed.schema()), o.fineTune(),
                    seed, p).model();
        }
        TrainedModel model = procedure.fit(results, o.seed(), true, progress);
        int n = results.rowCount();
        double[][] oof = null;
        int folds = 0;
        if (n < CV_MIN_ROWS) {
            note = "no cross-validation: it needs at least " + CV_MIN_ROWS + " recorded rows";
        } else {
            folds = Math.min(CV_FOLDS, n);
            try {
                oof = crossValidate(procedure, results, folds, o.seed(), progress, reference);
            } catch (DataException e) {
                note = "no cross-validation: " + e.getMessage();
                folds = 0;
            }
        }
        double[] meanStd = meanStd(model);
        List<TargetScore> scores = new ArrayList<>();
        for (int t = 0; t < targets().size(); t++) {
            double rmse = Double.NaN;
            double r2 = Double.NaN;
            if (oof != null) {
                int c = results.indexOf(targets().get(t));
                double[] measured = new double[n];
                double[] predicted = new double[n];
                for (int i = 0; i < n; i++) {
                    measured[i] = results.number(i, c);
                    predicted[i] = oof[i][t];
                }
                Metrics m = Metrics.of(measured, predicted);
                rmse = m.rmse();
                r2 = m.r2();
            }
            scores.add(new TargetScore(targets().get(t), rmse, r2, meanStd[t]));
        }
        List<Integer> versions = store.manifest().history().versions();
        int v = versions.isEmpty() ? 1 : versions.get(versions.size() - 1) + 1;
        ModelVersion version = new ModelVersion(v, n, model.method(), o.repretrain(), folds, scores, note);
        store.writeVersion(version, model, pretrained);
        return new Retrained(version, model);
    }

    /**
     * Out-of-fold predictions (rows x targets) of the whole procedure; leave-one-out when folds == rows. Only
     * the fold fits' means are read. The folds are participants of one training round, so their networks
     * train as one batched program; with {@code reference} they run one after the other, calibrated.
     */
    private double[][] crossValidate(Procedure procedure, Table rows, int folds, long seed, Progress progress,
            boolean reference) {
        int n = rows.rowCount();
        List<Splits.Split> splits = folds == n ? Splits.leaveOneOut(n)
                : Splits.kFold(n, folds, Seeds.derive(seed, "campaign-cv"));
        String task = (folds == n ? "leave-one-out" : folds + "-fold") + " CV of the recorded rows";
        progress.update(task, 0, splits.size());
        int[] done = {0}; // participants run one at a time
        List<Supplier<double[][]>> bodies = new ArrayList<>();
        for (int f = 0; f < splits.size(); f++) {
            Splits.Split split = splits.get(f);
            long foldSeed = Seeds.derive(seed, f);
            bodies.add(() -> {
                TrainedModel m = procedure.fit(rows.select(split.train()), foldSeed, reference, Progress.NONE);
                double[][] mean = m.predict(rows.select(split.test())).mean();
                progress.update(task, ++done[0], splits.size());
                return mean;
            });
        }
        List<double[][]> means = reference ? bodies.stream().map(Supplier::get).toList() : TrainingRounds.all(bodies);
        double[][] oof = new double[n][];
        for (int f = 0; f < splits.size(); f++) {
            int[] test = splits.get(f).test();
            for (int i = 0; i < test.length; i++) {
                oof[test[i]] = means.get(f)[i];
            }
        }
        return oof;
    }

    /** Mean predicted standard deviation per target over the campaign's fixed Sobol sample (NaN without std). */
    private double[] meanStd(TrainedModel model) {
        Plan sample = Designer.design(space(), DesignOptions.of(DesignMethod.SOBOL, UNCERTAINTY_SAMPLE,
                store.manifest().seed()));
        Prediction p = model.predict(sample.toTable("uncertainty sample"));
        double[] out = new double[targets().size()];
        for (int t = 0; t < out.length; t++) {
            double s = 0;
            for (double sd : p.stdOf(t)) {
                s += sd;
            }
            out[t] = s / p.rows();
        }
        return out;
    }

    /** The campaign's schema without a base model: every parameter a feature, categorical with its levels. */
    static Schema schema(ParameterSpace space, List<String> targets) {
        List<Column> features = new ArrayList<>();
        for (Parameter p : space.parameters()) {
            features.add(p.isCategorical() ? Column.categorical(p.name(), "", p.levels())
                    : Column.numeric(p.name(), ""));
        }
        return new Schema(features, targets.stream().map(t -> Column.numeric(t, "")).toList());
    }

    /**
     * Iterative pre-training: the base network architecture and options trained again, with as many members,
     * on the source table's rows plus every recorded row.
     */
    private TrainedModel repretrain(TrainedModel base, Table results, long seed, Progress progress) {
        String path = store.manifest().source();
        if (path.isEmpty()) {
            throw DataException.option("--repretrain needs the source table; give it at campaign init with "
                    + "--source CSV");
        }
        Table source = CsvReader.read(Path.of(path));
        Schema s = base.schema();
        List<String> cols = new ArrayList<>(s.featureNames());
        cols.addAll(s.targetNames());
        List<List<String>> rows = new ArrayList<>();
        copyColumns(source, cols, rows);
        copyColumns(results, cols, rows);
        Table combined = Table.of(path + " + " + CampaignStore.RESULTS, cols, Collections.nCopies(cols.size(), ""),
                rows);
        Object recorded = base.details().get("options");
        if (recorded == null) {
            throw DataException.of(store.dir().resolve(CampaignStore.BASE).toString(), "the base model records no "
                    + "network options, so it cannot be re-pre-trained; retrain without --repretrain");
        }
        MlpOptions options = Json.MAPPER.convertValue(recorded, MlpOptions.class);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("options", options);
        details.put("repretrainedOn", combined.source());
        // The base's composition groups as they are (the rule of finetune): the network is trained again on the
        // inputs the campaign's fine-tuning will give it, and detection on the combined rows could differ.
        return Training.fit(Dataset.of(combined, s), NormalizationScheme.STANDARD, null, null,
                base.inputScaling().logRatio(), MlpTrainer.trainer(options), FineTuner.networks(base).size(), seed,
                details, progress);
    }

    /** Appends the named columns of {@code t}, numbers rewritten with a decimal point. */
    private static void copyColumns(Table t, List<String> cols, List<List<String>> rows) {
        int[] idx = new int[cols.size()];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = t.indexOf(cols.get(j));
            if (idx[j] < 0) {
                throw DataException.at(t.source(), 0, cols.get(j), "column is missing; re-pre-training needs every "
                        + "feature and campaign target of the base model");
            }
        }
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> row = new ArrayList<>(idx.length);
            for (int c : idx) {
                double v = t.number(r, c);
                row.add(Double.isFinite(v) ? Numbers.format(v) : t.cell(r, c));
            }
            rows.add(row);
        }
    }

    // ---- status ----------------------------------------------------------------------------------------------

    /** One round and how many of its suggestions have recorded results. */
    public record RoundStatus(int round, String origin, String goal, int suggestions, int recorded) {
    }

    /** The campaign at a glance. */
    public record Status(List<String> targets, int results, List<RoundStatus> rounds, List<ModelVersion> versions) {
        public Status {
            targets = List.copyOf(targets);
            rounds = List.copyOf(rounds);
            versions = List.copyOf(versions);
        }
    }

    /** The status, also written to status.json and status.csv (one row per model version) in the campaign. */
    public Status status() throws IOException {
        List<List<String>> rows = existingRows();
        List<RoundStatus> rounds = new ArrayList<>();
        for (Round r : store.rounds()) {
            String prefix = "r" + r.round() + "-";
            int recorded = (int) rows.stream().map(x -> x.get(1)).filter(id -> id.startsWith(prefix)).distinct()
                    .count();
            rounds.add(new RoundStatus(r.round(), r.origin(), r.goal(), r.suggestions(), recorded));
        }
        Status s = new Status(targets(), rows.size(), rounds, store.versions());
        store.write(store.dir().resolve("status.json"), CampaignStore.json(s));
        store.write(store.dir().resolve("status.csv"), CsvWriter.toCsv(versionTable(s)));
        return s;
    }

    private static Table versionTable(Status s) {
        List<String> names = new ArrayList<>(List.of("version", "rows", "method", "repretrained", "folds"));
        for (String t : s.targets()) {
            names.addAll(List.of(t + "_cv_rmse", t + "_cv_r2", t + "_mean_std"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (ModelVersion v : s.versions()) {
            List<String> row = new ArrayList<>(List.of(v.name(), Integer.toString(v.rows()), v.method(),
                    Boolean.toString(v.repretrained()), Integer.toString(v.folds())));
            for (TargetScore sc : v.scores()) {
                row.addAll(List.of(cell(sc.cvRmse()), cell(sc.cvR2()), cell(sc.meanStd())));
            }
            rows.add(row);
        }
        return Table.of("status.csv", names, Collections.nCopies(names.size(), ""), rows);
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? Numbers.format(v) : "";
    }
}
