package io.transfab.transfer;

import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.evaluate.Splits;
import io.transfab.model.DomainRegressor;
import io.transfab.model.Ensemble;
import io.transfab.model.InputScaling;
import io.transfab.model.Matrices;
import io.transfab.model.NormalizationScheme;
import io.transfab.model.Normalizer;
import io.transfab.model.Progress;
import io.transfab.model.Provenance;
import io.transfab.model.Regressor;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.TrainingRanges;
import io.transfab.model.TrainingRounds;
import io.transfab.model.StackedRegressor;
import io.transfab.model.TargetTransform;
import io.transfab.model.TransformedTargetRegressor;
import io.transfab.model.Nnls;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.gp.GpOptions;
import io.transfab.model.nn.AdaptedMlp;
import io.transfab.model.nn.AdapterOptions;
import io.transfab.model.nn.AdapterTrainer;
import io.transfab.model.nn.FineTuneSpec;
import io.transfab.model.nn.Loss;
import io.transfab.model.nn.MlpBatch;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpRegressor;
import io.transfab.model.nn.TrainingOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Adapts a pre-trained network (or ensemble of networks) to a small target table with one of the
 * {@link FineTuneStrategy strategies}; {@code auto} picks the strategy, or a network trained from
 * scratch, by inner k-fold cross-validation on the target rows.
 */
public final class FineTuner {
    private FineTuner() {
    }

    /** What {@code auto} compared: each candidate's out-of-fold RMSE in standardised target units. */
    public record CandidateScore(String candidate, double cvRmse) {
    }

    /**
     * The choice of {@code auto} and why.
     *
     * @param repeats      repetitions of the inner k-fold CV (new fold assignments each); the scores are
     *                     means over them
     * @param stackWeights when a stack was fitted: per member candidate, its non-negative weight per
     *                     target; empty otherwise
     */
    public record Selection(String chosen, int folds, int repeats, List<CandidateScore> scores, String reason,
            Map<String, List<Double>> stackWeights) {
        public Selection {
            scores = List.copyOf(scores);
            stackWeights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stackWeights));
        }
    }

    /** The fine-tuned model and, for {@code auto}, the selection behind it. */
    public record Result(TrainedModel model, Selection selection) {
    }

    /** Candidates of {@code auto}: the four transfer strategies and training from scratch. */
    enum Candidate {
        FULL("full"), FREEZE_LOWER("freeze"), HEAD("head"), L2SP("l2sp"), TRANSFER_GP(GpTransfer.METHOD),
        SCRATCH("scratch"), ADAPTER("adapter"), GP("gp"), GP_LOG("gp-log"),
        /** A GP on the normal scores of the targets (the candidate of {@link AutoOptions#rankTarget}). */
        GP_RANK("gp-rank"),
        /** L2-SP with ten times the pull toward the pre-trained weights (the grid of {@link AutoOptions#l2spGrid}). */
        L2SP_STRONG("l2sp-strong"),
        /** L2-SP for a third of the epochs: early stopping chosen by the inner CV, not a validation split. */
        L2SP_SHORT("l2sp-short"),
        /** A GP with one length scale shared by every input (the candidate of {@link AutoOptions#isotropicCandidate}). */
        GP_ISO("gp-iso"),
        /** A full fine-tune with the plain schedule (the candidate of {@link AutoOptions#gentleCandidate}). */
        FULL_GENTLE("full-gentle"),
        STACK("stack");

        final String label;

        Candidate(String label) {
            this.label = label;
        }

        static Candidate fromLabel(String label) {
            for (Candidate c : values()) {
                if (c.label.equals(label)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown candidate " + label);
        }

        static Candidate of(FineTuneStrategy s) {
            return switch (s) {
                case FULL -> FULL;
                case FREEZE_LOWER -> FREEZE_LOWER;
                case HEAD -> HEAD;
                case L2SP -> L2SP;
                case ADAPTER -> ADAPTER;
                case TRANSFER_GP -> TRANSFER_GP;
                case AUTO -> throw new IllegalArgumentException("auto is not a single candidate");
            };
        }
    }

    /** The base model's networks: one MLP, or the members of an MLP ensemble. */
    public static List<MlpRegressor> networks(TrainedModel base) {
        Regressor r = base.regressor();
        List<MlpRegressor> out = new ArrayList<>();
        if (r instanceof MlpRegressor m) {
            out.add(m);
        } else if (r instanceof Ensemble e) {
            for (Regressor member : e.members()) {
                if (!(member instanceof MlpRegressor m)) {
                    break;
                }
                out.add(m);
            }
            if (out.size() != e.members().size()) {
                out.clear();
            }
        }
        if (out.isEmpty()) {
            throw DataException.of(null, "the base model (" + base.method() + ") is not a neural network; "
                    + "fine-tuning needs a model from 'transfab pretrain'");
        }
        return out;
    }

    /**
     * The base model restricted to some of its targets (in the given order), for target tables that
     * measured fewer properties than the source: the output layer keeps only those units.
     */
    public static TrainedModel withTargets(TrainedModel base, List<String> targets) {
        List<String> all = base.schema().targetNames();
        int[] idx = new int[targets.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = all.indexOf(targets.get(k));
            if (idx[k] < 0) {
                throw DataException.of(null, "'" + targets.get(k) + "' is not a target of the base model (it predicts "
                        + String.join(", ", all) + ")");
            }
        }
        List<MlpRegressor> nets = networks(base);
        List<MlpRegressor> sliced = new ArrayList<>();
        for (MlpRegressor net : nets) {
            int head = net.hiddenLayerCount();
            float[][] w = net.weights(head);
            float[] b = net.bias(head);
            float[][] ws = new float[idx.length][];
            float[] bs = new float[idx.length];
            for (int k = 0; k < idx.length; k++) {
                ws[k] = w[idx[k]];
                bs[k] = b[idx[k]];
            }
            sliced.add(net.withHead(ws, bs));
        }
        double[] center = base.outputNormalizer().center();
        double[] scale = base.outputNormalizer().scale();
        double[] c = new double[idx.length];
        double[] sc = new double[idx.length];
        List<io.transfab.data.Column> cols = new ArrayList<>();
        for (int k = 0; k < idx.length; k++) {
            c[k] = center[idx[k]];
            sc[k] = scale[idx[k]];
            cols.add(base.schema().targets().get(idx[k]));
        }
        Map<String, Object> details = new LinkedHashMap<>(base.details());
        details.put("targetsSelected", targets);
        return TrainedModel.of(new io.transfab.data.Schema(base.schema().features(), cols), base.inputScaling(),
                Normalizer.of(c, sc), sliced.size() == 1 ? sliced.get(0) : Ensemble.of(sliced), base.method(),
                details, base.provenance(), base.domainColumn());
    }

    /**
     * Fine-tunes {@code base} on {@code target}, which must be encoded with the base model's schema.
     */
    public static Result fineTune(TrainedModel base, Dataset target, FineTuneOptions options, long seed,
            Progress progress) {
        return fineTune(base, target, null, options, seed, progress);
    }

    /**
     * {@link #fineTune(TrainedModel, Dataset, FineTuneOptions, long, Progress)} with the target
     * rows' domain labels ({@code labels[i]} of row i, from {@code options.domainColumn()}); null
     * when there is no domain column. {@code auto} considers the adapter only with labels.
     */
    public static Result fineTune(TrainedModel base, Dataset target, String[] labels, FineTuneOptions options,
            long seed, Progress progress) {
        return fineTune(base, target, labels, options, null, seed, progress);
    }

    /** auto's final fit from an inner CV already run ({@code given}; null: run it here). */
    static Result fineTune(TrainedModel base, Dataset target, String[] labels, FineTuneOptions options, Inner given,
            long seed, Progress progress) {
        if ((options.domainColumn() == null) != (labels == null)) {
            throw new IllegalArgumentException("domain labels are given exactly when options name a domain column");
        }
        if (labels != null && labels.length != target.size()) {
            throw new IllegalArgumentException(target.size() + " target rows but " + labels.length + " domain labels");
        }
        if (!target.schema().equals(base.schema())) {
            throw new IllegalArgumentException("target data must be encoded with the base model's schema");
        }
        List<MlpRegressor> nets = networks(base);
        int hidden = nets.get(0).hiddenLayerCount();
        if (options.strategy() == FineTuneStrategy.FREEZE_LOWER && options.frozenLayers() > hidden) {
            throw DataException.option("--frozen-layers " + options.frozenLayers() + " exceeds the "
                    + hidden + " hidden layers of the base model");
        }
        double[][] x = target.x();
        double[][] y = target.y();
        Selection selection = null;
        Candidate chosen;
        int k = options.ensemble() > 0 ? options.ensemble() : nets.size();
        OutOfFold.Predictions oof;
        String oofSource;
        Fitted prefit = null;
        if (options.strategy() == FineTuneStrategy.AUTO) {
            Inner inner = given != null ? given
                    : innerCv(base, nets, x, y, labels, options, Seeds.derive(seed, "auto"), progress);
            selection = inner.selection();
            chosen = Candidate.fromLabel(selection.chosen());
            oof = inner.outOfFold().get(chosen);
            oofSource = "auto's inner " + selection.folds() + "-fold cross-validation"
                    + (chosen == Candidate.STACK ? "; the stack's weights for each fold's rows fitted on the other "
                            + "folds' out-of-fold predictions" : "");
        } else {
            chosen = Candidate.of(options.strategy());
            // About the final fit's cost: FOLDS refits of ceil(k / FOLDS) members each.
            int members = (k + OutOfFold.FOLDS - 1) / OutOfFold.FOLDS;
            // The final fit and the refits are participants of one training round (one batched program;
            // the final fit first, so that the round reports to its progress).
            List<Object> both = TrainingRounds.all(List.of(() -> fit(chosen, base, nets, x, y, labels, options, k,
                    seed, progress), () -> OutOfFold.kFold(x.length, OutOfFold.FOLDS, seed, (tr, te, s) -> {
                        String[] labTr = labels == null ? null : pick(labels, tr);
                        String[] labTe = labels == null ? null : pick(labels, te);
                        Fitted fold = fit(chosen, base, nets, Matrices.rows(x, tr), Matrices.rows(y, tr), labTr,
                                options, members, s, Progress.NONE);
                        return fold.predict(Matrices.rows(x, te), labTe);
                    })));
            prefit = (Fitted) both.get(0);
            oof = (OutOfFold.Predictions) both.get(1);
            oofSource = Math.min(OutOfFold.FOLDS, x.length) + "-fold cross-validation (" + members + " member"
                    + (members == 1 ? "" : "s") + " per fold)";
        }
        Fitted f = prefit != null ? prefit
                : chosen == Candidate.STACK ? fitStack(selection, base, nets, x, y, options, k, seed, progress)
                : fit(chosen, base, nets, x, y, labels, options, k, seed, progress);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("strategy", options.strategy().cliName());
        details.put("chosen", chosen.label);
        details.put("normalization", options.normalization().cliName());
        details.put("normalizationScheme", f.in.scheme().cliName());
        if (options.domainColumn() != null) {
            details.put("domainColumn", options.domainColumn());
            details.put("domains", new java.util.TreeSet<>(List.of(labels)));
        }
        details.put("frozenLayers", options.frozenLayers());
        details.put("l2spAlpha", chosen == Candidate.L2SP_STRONG ? 10 * options.l2spAlpha() : options.l2spAlpha());
        details.put("learningRate", options.learningRate());
        details.put("epochs", chosen == Candidate.L2SP_SHORT ? Math.max(1, options.epochs() / 3) : options.epochs());
        details.put("ensemble", k);
        details.put("baseMethod", base.method());
        details.put("baseDataSource", base.provenance().dataSource());
        if (selection != null) {
            details.put("selection", selection);
        }
        details.put(TrainingRanges.KEY, TrainingRanges.ofFineTuned(base.details(), base.schema(), x));
        String method = chosen == Candidate.SCRATCH ? "mlp"
                : chosen == Candidate.TRANSFER_GP ? GpTransfer.METHOD
                : chosen == Candidate.GP || chosen == Candidate.GP_LOG || chosen == Candidate.GP_RANK
                        || chosen == Candidate.GP_ISO ? chosen.label
                : chosen == Candidate.STACK ? "stack" : "finetune:" + chosen.label;
        String domainColumn = f.in.isPerDomain() ? f.in.domainColumn()
                : chosen == Candidate.ADAPTER ? options.domainColumn() : null;
        TrainedModel model = TrainedModel.of(base.schema(), f.in, f.out, f.regressor, method, details,
                Provenance.of(target.source(), target.sha256(), target.size(), seed,
                        base.provenance().dataSha256()), domainColumn)
                .withCalibration(OutOfFold.calibration(y, oof, f.out, oofSource));
        return new Result(model, selection);
    }

    private record Fitted(InputScaling in, Normalizer out, Regressor regressor) {
        /** Predictions of raw encoded rows of the given domains (labels may be null), in target units. */
        io.transfab.model.Prediction predict(double[][] x, String[] labels) {
            io.transfab.model.Prediction z = DomainRegressor.predict(regressor, in.apply(x, labels), labels);
            return new io.transfab.model.Prediction(out.invert(z.mean()), out.invertSpread(z.std()));
        }
    }

    private static Fitted fit(Candidate c, TrainedModel base, List<MlpRegressor> nets, double[][] x, double[][] y,
            String[] labels, FineTuneOptions o, int members, long seed, Progress progress) {
        return fitGroup(base, nets, List.of(new FitRequest(c, x, y, labels, members, seed)), o, progress).get(0);
    }

    /**
     * One fit of {@link #fitGroup}: candidate {@code c} on the raw rows {@code x}, {@code y} (domain
     * labels or null) with {@code members} members, member m seeded {@code Seeds.derive(seed, m)}.
     */
    private record FitRequest(Candidate c, double[][] x, double[][] y, String[] labels, int members, long seed) {
    }

    /**
     * Fits every request, in order. All network members of every scratch and fine-tune request (any
     * candidates, any folds) train as one {@link MlpBatch}, so e.g. auto's candidates x folds cost one
     * tensor program; transfer-GP and adapter requests fit one after the other. Each result is the
     * one a request alone gives, to float rounding.
     */
    private static List<Fitted> fitGroup(TrainedModel base, List<MlpRegressor> nets, List<FitRequest> requests,
            FineTuneOptions o, Progress progress) {
        boolean perDomain = o.scheme() == NormalizationScheme.PER_DOMAIN;
        Fitted[] result = new Fitted[requests.size()];
        InputScaling[] ins = new InputScaling[requests.size()];
        Normalizer[] outs = new Normalizer[requests.size()];
        int[] firstJob = new int[requests.size()];
        List<MlpBatch.Job> jobs = new ArrayList<>();
        FitRequest only = requests.size() == 1 ? requests.get(0) : null;
        String task = only == null ? "fitting " + requests.size() + " candidates and folds"
                : (only.c() == Candidate.SCRATCH ? "training from scratch" : "fine-tuning (" + only.c().label + ")")
                        + ", " + only.members() + " members";
        for (int i = 0; i < requests.size(); i++) {
            FitRequest r = requests.get(i);
            Candidate c = r.c();
            ins[i] = c == Candidate.SCRATCH || c == Candidate.GP || c == Candidate.GP_LOG || c == Candidate.GP_RANK
                    || c == Candidate.GP_ISO
                    || o.normalization() == InputNormalization.TARGET
                    ? InputScaling.fit(o.scheme(), r.x(), TrainedModel.numericMask(base.schema()),
                            perDomain ? o.domainColumn() : null, r.labels(), base.inputScaling().logRatio())
                    : base.inputScaling();
            outs[i] = Normalizer.fit(o.scheme(), r.y());
            double[][] xs = ins[i].apply(r.x(), r.labels());
            double[][] ys = outs[i].apply(r.y());
            firstJob[i] = jobs.size();
            // auto's GPs use its GP options; transfer-gp requested by name keeps the plain defaults.
            GpOptions gp = o.strategy() == FineTuneStrategy.AUTO ? o.auto().gp(ys) : GpOptions.defaults();
            // auto's networks: the Huber loss where the outlier rule fires on these training rows.
            Loss loss = o.strategy() == FineTuneStrategy.AUTO ? o.auto().loss(ys) : Loss.SQUARED;
            if (c == Candidate.TRANSFER_GP) {
                result[i] = new Fitted(ins[i], outs[i], GpTransfer.calibrated(base, xs, ys, gp, r.seed(),
                        Progress.NONE));
            } else if (c == Candidate.GP || c == Candidate.GP_ISO) {
                result[i] = new Fitted(ins[i], outs[i], GaussianProcessTrainer.of(c == Candidate.GP_ISO
                        ? gp.withIsotropic(true) : gp).fit(xs, ys, r.seed(), Progress.NONE));
            } else if (c == Candidate.GP_LOG || c == Candidate.GP_RANK) {
                // the transform is fitted on these training rows alone (the fold's, in the inner CV)
                TargetTransform g = c == Candidate.GP_LOG ? TargetTransform.log() : TargetTransform.normalScores(r.y());
                double[][] latent = g.forward(r.y());
                Normalizer latentScale = Normalizer.standardize(latent);
                double[][] u = latentScale.apply(latent);
                result[i] = new Fitted(ins[i], outs[i], TransformedTargetRegressor.of(GaussianProcessTrainer.of(
                        o.auto().gp(u)).fit(xs, u, r.seed(), Progress.NONE), g, latentScale, outs[i]));
            } else if (c == Candidate.ADAPTER) {
                List<AdaptedMlp> adapted = new ArrayList<>(r.members());
                for (int m = 0; m < r.members(); m++) {
                    final int member = m;
                    int members = r.members();
                    Progress p = only == null ? Progress.NONE
                            : (t, done, total) -> progress.update(task, member * total + done, members * total);
                    adapted.add(AdapterTrainer.fit(nets.get(m % nets.size()), xs, ys, r.labels(), adapterOptions(o), p));
                }
                result[i] = new Fitted(ins[i], outs[i], adapted.size() == 1 ? adapted.get(0) : Ensemble.of(adapted));
            } else {
                // Every member its own job with its own seed-derived streams, all in one tensor program.
                for (int m = 0; m < r.members(); m++) {
                    long s = Seeds.derive(r.seed(), m);
                    if (c == Candidate.SCRATCH) {
                        MlpOptions scratch = scratchOptions(architecture(nets.get(0)), o);
                        jobs.add(MlpBatch.Job.fit(xs, ys, scratch.withTraining(scratch.training().withLoss(loss)),
                                s));
                    } else {
                        FineTuneSpec fs = spec(c, nets.get(0), o);
                        jobs.add(MlpBatch.Job.fineTune(nets.get(m % nets.size()), xs, ys, new FineTuneSpec(
                                fs.frozenHiddenLayers(), fs.reinitializeHead(), fs.anchorPenalty(),
                                fs.training().withLoss(loss)), s));
                    }
                }
            }
        }
        List<MlpRegressor> trained = jobs.isEmpty() ? List.of()
                : MlpBatch.train(jobs, (t, done, total) -> progress.update(task, done, total));
        for (int i = 0; i < requests.size(); i++) {
            if (result[i] == null) {
                List<MlpRegressor> members = trained.subList(firstJob[i], firstJob[i] + requests.get(i).members());
                result[i] = new Fitted(ins[i], outs[i], members.size() == 1 ? members.get(0)
                        : Ensemble.of(new ArrayList<>(members)));
            }
        }
        return List.of(result);
    }

    /** The network update rule of each candidate. */
    static FineTuneSpec spec(Candidate c, MlpRegressor net, FineTuneOptions o) {
        TrainingOptions fixed = fullBatch(o.learningRate(), o.epochs(), 0.0);
        return switch (c) {
            case FULL -> new FineTuneSpec(0, false, 0.0, fixed);
            case FREEZE_LOWER -> new FineTuneSpec(Math.min(o.frozenLayers(), net.hiddenLayerCount()), false, 0.0,
                    fixed);
            // A fresh head learns from zero: a larger step and a little weight decay keep it stable.
            case HEAD -> new FineTuneSpec(net.hiddenLayerCount(), true, 0.0,
                    fullBatch(10 * o.learningRate(), o.epochs(), 1e-3));
            case L2SP -> new FineTuneSpec(0, false, o.l2spAlpha(), fixed);
            case L2SP_STRONG -> new FineTuneSpec(0, false, 10 * o.l2spAlpha(), fixed);
            case L2SP_SHORT -> new FineTuneSpec(0, false, o.l2spAlpha(),
                    fullBatch(o.learningRate(), Math.max(1, o.epochs() / 3), 0.0));
            // The plain fine-tune of issue 13's peers: a third of the step, weight decay on the weight matrices.
            case FULL_GENTLE -> new FineTuneSpec(0, false, 0.0, fullBatch(o.learningRate() / 3, o.epochs(),
                    GENTLE_WEIGHT_DECAY));
            case TRANSFER_GP, SCRATCH, ADAPTER, GP, GP_LOG, GP_RANK, GP_ISO, STACK -> throw new IllegalArgumentException(c.label + " is not a fine-tuning spec");
        };
    }

    /**
     * Adapter training: ten times the fine-tuning learning rate (like a fresh head, the adapters
     * start from a fixed point far from their optimum) for the fine-tuning epochs, and a weak pull
     * toward the identity so that a domain with few rows keeps an adapter near it.
     */
    static AdapterOptions adapterOptions(FineTuneOptions o) {
        return new AdapterOptions(10 * o.learningRate(), o.epochs(), ADAPTER_IDENTITY_PENALTY);
    }

    /** Weight decay of {@code full-gentle} (decoupled, on the weight matrices; the plain peer's 1e-3). */
    static final double GENTLE_WEIGHT_DECAY = 1e-3;

    /** Identity pull of the adapters (per squared parameter; the loss is a mean over rows and targets). */
    static final double ADAPTER_IDENTITY_PENALTY = 1e-3;

    /**
     * The from-scratch network that transfer is compared with: the same architecture, trained on the
     * target rows alone, full batch, with twice the fine-tuning epochs and a little weight decay.
     */
    public static MlpOptions scratchOptions(MlpOptions architecture, FineTuneOptions o) {
        return architecture.withTraining(fullBatch(o.learningRate(), 2 * o.epochs(), 1e-3));
    }

    private static MlpOptions architecture(MlpRegressor net) {
        List<Integer> sizes = new ArrayList<>();
        for (int l = 0; l < net.hiddenLayerCount(); l++) {
            sizes.add(net.layerSize(l));
        }
        return new MlpOptions(sizes, net.activation(), TrainingOptions.defaults());
    }

    private static TrainingOptions fullBatch(double lr, int epochs, double weightDecay) {
        return new TrainingOptions(lr, epochs, 0, weightDecay, 0.0, 0.0, 1);
    }

    /**
     * Order in which {@code auto} prefers candidates when the inner CV cannot tell them apart: the
     * constrained fine-tuning first (best on average over the simulated transfers in
     * docs/transfer.md), training from scratch last.
     */
    static final List<Candidate> PREFERENCE = List.of(Candidate.STACK, Candidate.L2SP, Candidate.TRANSFER_GP,
            Candidate.GP, Candidate.GP_ISO, Candidate.GP_LOG, Candidate.GP_RANK, Candidate.L2SP_STRONG, Candidate.L2SP_SHORT,
            Candidate.FREEZE_LOWER, Candidate.ADAPTER, Candidate.FULL_GENTLE, Candidate.FULL, Candidate.HEAD,
            Candidate.SCRATCH);

    /**
     * Inner k-fold CV over the candidates with the one-standard-error rule (Hastie, Tibshirani &
     * Friedman 2009, sec. 7.10): the most preferred candidate whose out-of-fold error exceeds the
     * lowest by no more than one standard error of the paired per-row differences. With 10-20 rows
     * the CV ranking is noisy; the rule only leaves the preferred strategy when the evidence is clear.
     */
    static Selection select(TrainedModel base, List<MlpRegressor> nets, double[][] x, double[][] y, String[] labels,
            FineTuneOptions o, long seed, Progress progress) {
        return innerCv(base, nets, x, y, labels, o, seed, progress).selection();
    }

    /** auto's selection and every candidate's out-of-fold predictions (target units), for the calibration. */
    record Inner(Selection selection, Map<Candidate, OutOfFold.Predictions> outOfFold) {
    }

    private static Inner innerCv(TrainedModel base, List<MlpRegressor> nets, double[][] x, double[][] y,
            String[] labels, FineTuneOptions o, long seed, Progress progress) {
        LevelOne d = levelOne(base, nets, x, y, labels, o, seed, progress);
        return choose(d, java.util.EnumSet.allOf(Candidate.class), d.repeats(), stackable(o, labels));
    }

    /**
     * What the inner CV measured: per repeat r, candidate c and row i the standardised out-of-fold
     * means ({@code level}, Breiman's level-one data) and squared errors ({@code loss}), the repeat-0
     * out-of-fold predictions in target units for the calibration, and the folds of every repeat.
     */
    record LevelOne(Candidate[] candidates, int folds, int repeats, List<List<Splits.Split>> splits,
            double[][][][] level, double[][][] loss, double[][][] oofMean, double[][][] oofStd, double[][] ys,
            Normalizer scale) {
    }

    /** Runs the inner CV of every candidate that {@code o} and the labels allow. */
    static LevelOne levelOne(TrainedModel base, List<MlpRegressor> nets, double[][] x, double[][] y,
            String[] labels, FineTuneOptions o, long seed, Progress progress) {
        int n = x.length;
        if (n < 4) {
            throw DataException.of(null, "auto needs at least 4 target rows for its inner cross-validation; got " + n
                    + ". Choose a strategy with --strategy full|freeze|head|l2sp");
        }
        int folds = Math.min(o.innerFolds(), n);
        int repeats = o.auto().repeats(n);
        Normalizer scale = Normalizer.standardize(y);
        double[][] ys = scale.apply(y);
        int targets = y[0].length;
        // The adapter needs domain labels; without them auto keeps its candidates of before.
        Candidate[] candidates = java.util.Arrays.stream(Candidate.values())
                .filter(c -> c != Candidate.ADAPTER || labels != null)
                .filter(c -> c != Candidate.GP || o.auto().gpCandidate())
                .filter(c -> c != Candidate.GP_LOG || o.auto().logCandidate(y))
                .filter(c -> c != Candidate.GP_RANK || o.auto().rankCandidate(y))
                .filter(c -> c != Candidate.L2SP_STRONG && c != Candidate.L2SP_SHORT || o.auto().l2spGrid())
                .filter(c -> c != Candidate.GP_ISO || o.auto().isotropicCandidate())
                .filter(c -> c != Candidate.FULL_GENTLE || o.auto().gentleCandidate())
                .filter(c -> c != Candidate.STACK)
                .toArray(Candidate[]::new);
        // loss[r][c][i]: squared error of row i (mean over targets, standardised units) when it was held out
        double[][][] loss = new double[repeats][candidates.length][n];
        // level-one data per repeat: standardised out-of-fold means [repeat][candidate][row][target]
        double[][][][] level = new double[repeats][candidates.length][n][];
        double[][][] oofMean = new double[candidates.length][n][];
        double[][][] oofStd = new double[candidates.length][n][];
        int total = repeats * folds * candidates.length;
        String task = "auto: inner " + folds + "-fold CV" + (repeats > 1 ? " x " + repeats : "") + " of "
                + candidates.length + " candidates";
        List<List<Splits.Split>> splitsByRepeat = new ArrayList<>();
        // Every (repeat, fold, candidate) fit is one request: all their networks train as one batched program.
        List<FitRequest> requests = new ArrayList<>(total);
        for (int r = 0; r < repeats; r++) {
            // Repeat 0 keeps the folds and seeds of a single CV.
            var splits = Splits.kFold(n, folds, r == 0 ? seed : Seeds.derive(seed, "repeat-" + r));
            splitsByRepeat.add(splits);
            for (int f = 0; f < folds; f++) {
                int[] tr = splits.get(f).train();
                double[][] xTr = Matrices.rows(x, tr);
                double[][] yTr = Matrices.rows(y, tr);
                String[] labTr = labels == null ? null : pick(labels, tr);
                long foldSeed = r == 0 ? Seeds.derive(seed, f) : Seeds.derive(seed, r * 1000L + f);
                for (Candidate candidate : candidates) {
                    requests.add(new FitRequest(candidate, xTr, yTr, labTr, 1, foldSeed));
                }
            }
        }
        List<Fitted> fits = fitGroup(base, nets, requests, o, (t, done, all) -> progress.update(task, done, all));
        int next = 0;
        for (int r = 0; r < repeats; r++) {
            var splits = splitsByRepeat.get(r);
            for (int f = 0; f < folds; f++) {
                int[] te = splits.get(f).test();
                double[][] xTe = Matrices.rows(x, te);
                String[] labTe = labels == null ? null : pick(labels, te);
                for (int c = 0; c < candidates.length; c++) {
                    io.transfab.model.Prediction held = fits.get(next++).predict(xTe, labTe);
                    double[][] pred = scale.apply(held.mean());
                    for (int i = 0; i < te.length; i++) {
                        level[r][c][te[i]] = pred[i];
                        if (r == 0) {
                            oofMean[c][te[i]] = held.mean()[i];
                            oofStd[c][te[i]] = held.std()[i];
                        }
                        loss[r][c][te[i]] = squaredError(pred[i], ys[te[i]]);
                    }
                }
            }
        }
        progress.update(task, total, total);
        return new LevelOne(candidates, folds, repeats, splitsByRepeat, level, loss, oofMean, oofStd, ys, scale);
    }

    /**
     * The one-SE choice among the measured candidates in {@code allowed} (plus their stack when
     * {@code stacking}), scored on the first {@code repeats} repeats of the inner CV.
     */
    static Inner choose(LevelOne d, java.util.Set<Candidate> allowed, int repeats, boolean stacking) {
        Candidate[] candidates = java.util.Arrays.stream(d.candidates()).filter(allowed::contains)
                .toArray(Candidate[]::new);
        int[] from = new int[candidates.length];
        for (int c = 0; c < candidates.length; c++) {
            from[c] = List.of(d.candidates()).indexOf(candidates[c]);
        }
        int n = d.ys().length;
        int folds = d.folds();
        int targets = d.ys()[0].length;
        double[][] ys = d.ys();
        Normalizer scale = d.scale();
        List<List<Splits.Split>> splitsByRepeat = d.splits();
        double[][][][] level = new double[repeats][candidates.length][][];
        for (int r = 0; r < repeats; r++) {
            for (int c = 0; c < candidates.length; c++) {
                level[r][c] = d.level()[r][from[c]];
            }
        }
        List<Candidate> present = new ArrayList<>(List.of(candidates));
        if (stacking) {
            present.add(Candidate.STACK);
        }
        int m = present.size();
        // loss[c][i]: row i's squared error averaged over the repeats
        double[][] loss = new double[m][n];
        double[][][] oofMean = new double[m][n][];
        double[][][] oofStd = new double[m][n][];
        for (int c = 0; c < candidates.length; c++) {
            oofMean[c] = d.oofMean()[from[c]];
            oofStd[c] = d.oofStd()[from[c]];
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < n; i++) {
                    loss[c][i] += d.loss()[r][from[c]][i] / repeats;
                }
            }
        }
        Map<String, List<Double>> stackWeights = new LinkedHashMap<>();
        if (stacking) {
            int s = m - 1;
            // Nested: the weights scoring a fold's rows are fitted on the other folds' level-one rows.
            for (int r = 0; r < repeats; r++) {
                for (Splits.Split split : splitsByRepeat.get(r)) {
                    double[][] w = stackWeights(level[r], ys, split.train());
                    for (int i : split.test()) {
                        double[] mu = new double[targets];
                        for (int t = 0; t < targets; t++) {
                            for (int c = 0; c < candidates.length; c++) {
                                mu[t] += w[c][t] * level[r][c][i][t];
                            }
                        }
                        loss[s][i] += squaredError(mu, ys[i]) / repeats;
                        if (r == 0) {
                            oofMean[s][i] = new double[targets];
                            oofStd[s][i] = new double[targets];
                            for (int t = 0; t < targets; t++) {
                                double[] wt = new double[candidates.length];
                                double[] mut = new double[candidates.length];
                                double[] sdt = new double[candidates.length];
                                for (int c = 0; c < candidates.length; c++) {
                                    wt[c] = w[c][t];
                                    mut[c] = oofMean[c][i][t];
                                    sdt[c] = oofStd[c][i][t];
                                }
                                double[] comb = StackedRegressor.combine(wt, mut, sdt);
                                // the stack of target-unit predictions: same weights, the mean re-centred
                                oofMean[s][i][t] = scale.center()[t] + mu[t] * scale.scale()[t];
                                oofStd[s][i][t] = comb[1];
                            }
                        }
                    }
                }
            }
            // The final weights: every repeat's level-one rows together.
            int[] all = java.util.stream.IntStream.range(0, n * repeats).toArray();
            double[][][] stacked = new double[candidates.length][n * repeats][];
            double[][] yRep = new double[n * repeats][];
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < n; i++) {
                    yRep[r * n + i] = ys[i];
                    for (int c = 0; c < candidates.length; c++) {
                        stacked[c][r * n + i] = level[r][c][i];
                    }
                }
            }
            double[][] w = stackWeights(stacked, yRep, all);
            for (int c = 0; c < candidates.length; c++) {
                List<Double> wc = new ArrayList<>();
                boolean used = false;
                for (int t = 0; t < targets; t++) {
                    wc.add(w[c][t]);
                    used |= w[c][t] > 0;
                }
                if (used) {
                    stackWeights.put(candidates[c].label, wc);
                }
            }
            if (stackWeights.isEmpty()) {
                // Every weight 0 (no candidate correlates with the target): no stack to offer.
                present.remove(s);
                m--;
            }
        }
        List<CandidateScore> scores = new ArrayList<>();
        int best = 0;
        for (int c = 0; c < m; c++) {
            scores.add(new CandidateScore(present.get(c).label, Math.sqrt(mean(loss[c]))));
            if (scores.get(c).cvRmse() < scores.get(best).cvRmse()) {
                best = c;
            }
        }
        Candidate chosen = present.get(best);
        double se = 0;
        for (Candidate c : PREFERENCE) {
            if (!present.contains(c)) {
                continue;
            }
            double[] diff = new double[n];
            for (int i = 0; i < n; i++) {
                diff[i] = loss[present.indexOf(c)][i] - loss[best][i];
            }
            se = standardError(diff);
            if (mean(diff) <= se) {
                chosen = c;
                break;
            }
        }
        String cv = folds + "-fold CV" + (repeats > 1 ? " repeated " + repeats + " times" : "");
        String reason;
        int chosenIndex = present.indexOf(chosen);
        Candidate first = PREFERENCE.stream().filter(present::contains).findFirst().orElseThrow();
        if (chosenIndex == best) {
            reason = String.format(Locale.ROOT, "lowest out-of-fold RMSE in %s on the %d target rows "
                    + "(%.3f, standardised units)%s", cv, n, scores.get(best).cvRmse(),
                    chosen == first ? "" : "; no more preferred candidate came within one standard error");
        } else {
            reason = String.format(Locale.ROOT, "out-of-fold RMSE %.3f is within one standard error (MSE difference "
                    + "%.3f <= SE %.3f) of the lowest, %.3f for '%s', in %s on the %d target rows; auto "
                    + "prefers %s when the data cannot tell the candidates apart",
                    scores.get(chosenIndex).cvRmse(), mean(loss[chosenIndex]) - mean(loss[best]), se,
                    scores.get(best).cvRmse(), present.get(best).label, cv, n, chosen.label);
        }
        if (chosen == Candidate.STACK) {
            reason += "; stack weights " + describe(stackWeights);
        }
        Map<Candidate, OutOfFold.Predictions> oof = new java.util.EnumMap<>(Candidate.class);
        for (int c = 0; c < m; c++) {
            oof.put(present.get(c), new OutOfFold.Predictions(oofMean[c], oofStd[c]));
        }
        return new Inner(new Selection(chosen.label, folds, repeats, scores, reason,
                stacking && present.contains(Candidate.STACK) ? stackWeights : Map.of()), oof);
    }

    /**
     * Whether auto may stack: the candidates must share one input scaling and see no domain labels
     * (target statistics, not per domain), so that one {@link StackedRegressor} holds them.
     */
    private static boolean stackable(FineTuneOptions o, String[] labels) {
        return o.auto().stacking() && labels == null && o.normalization() == InputNormalization.TARGET
                && o.scheme() != NormalizationScheme.PER_DOMAIN;
    }

    /** Per target, NNLS weights [candidate][target] of level-one rows {@code rows}. */
    private static double[][] stackWeights(double[][][] level, double[][] ys, int[] rows) {
        int k = level.length;
        int targets = ys[0].length;
        double[][] w = new double[k][targets];
        for (int t = 0; t < targets; t++) {
            double[][] a = new double[rows.length][k];
            double[] b = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                b[i] = ys[rows[i]][t];
                for (int c = 0; c < k; c++) {
                    a[i][c] = level[c][rows[i]][t];
                }
            }
            double[] wt = Nnls.solve(a, b);
            for (int c = 0; c < k; c++) {
                w[c][t] = wt[c];
            }
        }
        return w;
    }

    private static String describe(Map<String, List<Double>> weights) {
        StringBuilder b = new StringBuilder();
        weights.forEach((c, w) -> {
            b.append(b.length() == 0 ? "" : ", ").append(c).append(' ');
            for (int t = 0; t < w.size(); t++) {
                b.append(t == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.2f", w.get(t)));
            }
        });
        return b.toString();
    }

    /**
     * The stack chosen by auto fitted on every target row: each candidate with a positive weight
     * fitted as auto would fit it alone ({@code members} networks each), combined with the weights of
     * the inner CV. The candidates share the target rows' input scaling ({@link #stackable}).
     */
    private static Fitted fitStack(Selection selection, TrainedModel base, List<MlpRegressor> nets, double[][] x,
            double[][] y, FineTuneOptions o, int members, long seed, Progress progress) {
        List<Regressor> parts = new ArrayList<>();
        double[][] w = new double[selection.stackWeights().size()][];
        InputScaling in = null;
        Normalizer out = null;
        int k = 0;
        for (Map.Entry<String, List<Double>> e : selection.stackWeights().entrySet()) {
            Fitted f = fit(Candidate.fromLabel(e.getKey()), base, nets, x, y, null, o, members,
                    Seeds.derive(seed, "stack-" + e.getKey()), progress);
            in = f.in;
            out = f.out;
            parts.add(f.regressor);
            w[k++] = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new Fitted(in, out, StackedRegressor.of(parts, w));
    }

    private static double squaredError(double[] pred, double[] actual) {
        double sq = 0;
        for (int t = 0; t < pred.length; t++) {
            double e = pred[t] - actual[t];
            sq += e * e;
        }
        return sq / pred.length;
    }

    private static String[] pick(String[] labels, int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    /** Standard error of the mean, sd / sqrt(n) with the n-1 sample variance. */
    static double standardError(double[] v) {
        double m = mean(v);
        double ss = 0;
        for (double d : v) {
            ss += (d - m) * (d - m);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }
}
