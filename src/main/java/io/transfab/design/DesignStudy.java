package io.transfab.design;

import io.transfab.data.Column;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.evaluate.Metrics;
import io.transfab.evaluate.Quantiles;
import io.transfab.evaluate.Wilcoxon;
import io.transfab.evaluate.WilcoxonResult;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.report.CurveSeries;
import io.transfab.report.Plots;
import io.transfab.report.Svg;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import io.transfab.transfer.FineTuner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Which first experiments make fine-tuning work best: a network ensemble pre-trained on a source lab (the
 * electrode simulator of one chemistry or the GDL simulator of one family) is fine-tuned (L2-SP) on the first
 * target experiments chosen by each design, measured in the target lab (another chemistry or family, noisy), and
 * scored by R2 against noise-free target values of fixed uniform test points; learning curves over N, repeated
 * over seeds, each method compared with the one-shot LHS by a paired Wilcoxon signed-rank test per N. Designs
 * that read a model read the pre-trained one over the target space, as {@code design --base} does before a
 * single target experiment.
 */
public final class DesignStudy {
    private DesignStudy() {
    }

    /** A design compared by the study. */
    public enum Method {
        RANDOM("random"), LHS("lhs"), DOPT("dopt"), EXTREMES("extremes"), INFLECTION("inflection"),
        INFORMATIVE("informative"), INFORMATIVE_EXTREMES("informative-1/2-extremes"),
        INFORMATIVE_BENDS("informative-1/2-bends");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * What to run.
     *
     * @param source the source lab (its space is where the base is pre-trained)
     * @param target the target lab (its space is where experiments are designed)
     * @param properties scored properties (also the base model's targets)
     * @param sizes the N of the learning curves (each &gt;= 2)
     * @param seeds repetitions (&gt;= 2 for the tests)
     * @param sourceRows source experiments of the pre-training
     * @param testRows fixed target test points
     * @param ensemble members of the base ensemble
     * @param epochs fine-tuning epochs (pre-training uses 5 times as many)
     */
    public record Options(Lab source, Lab target, List<String> properties, List<Integer> sizes,
            List<Method> methods, int seeds, int sourceRows, int testRows, int ensemble, int epochs, long seed) {
        public Options {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            if (!source.propertyNames().equals(target.propertyNames())) {
                throw DataException.option("the source lab " + source.name() + " and the target lab " + target.name()
                        + " report different properties");
            }
            properties = List.copyOf(properties);
            sizes = List.copyOf(sizes);
            methods = List.copyOf(methods);
            if (properties.isEmpty() || sizes.isEmpty() || methods.isEmpty()) {
                throw DataException.option("the study needs properties, sizes and methods");
            }
            for (int n : sizes) {
                if (n < 2) {
                    throw DataException.option("--sizes must be >= 2; got " + n);
                }
            }
            if (seeds < 1 || sourceRows < 20 || testRows < 10 || ensemble < 2 || epochs < 1) {
                throw DataException.option("--seeds >= 1, --source-rows >= 20, --test-rows >= 10, --ensemble >= 2, "
                        + "--epochs >= 1");
            }
        }
    }

    /** Target R2 (mean over the properties) of one method, size and seed; NaN when the design does not exist. */
    public record Score(Method method, int n, int seed, double r2) {
    }

    /** Mean and median R2 of a method at one N, and its Wilcoxon comparison with LHS (NaN p for LHS itself). */
    public record Summary(Method method, int n, int runs, double mean, double median, double pVersusLhs,
            double medianDifference) {
    }

    /** Every score and the summaries. */
    public record Result(Options options, List<Score> scores, List<Summary> summaries) {
        public Result {
            scores = List.copyOf(scores);
            summaries = List.copyOf(summaries);
        }
    }

    /** Runs the study; {@code progress} counts fine-tunings. */
    public static Result run(Options o, Progress progress) {
        int[] props = o.properties().stream().mapToInt(o.target()::indexOf).toArray();
        ParameterSpace targetSpace = o.target().parameterSpace();
        TrainedModel base = pretrain(o, props);
        SpaceResponse response = SpaceResponse.of(base, targetSpace, "target space", List.of());
        List<double[]> test = SimulatorLab.uniform(targetSpace, o.testRows(),
                new SplittableRandom(Seeds.derive(o.seed(), "test points")));
        double[][] testX = test.toArray(new double[0][]);
        double[][] testY = test.stream().map(x -> o.target().truth(x, props)).toArray(double[][]::new);
        int total = o.seeds() * o.sizes().size() * o.methods().size();
        int done = 0;
        List<Score> scores = new ArrayList<>();
        for (int s = 0; s < o.seeds(); s++) {
            long seed = Seeds.derive(o.seed(), s);
            int nMax = o.sizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
            List<double[]> random = SimulatorLab.uniform(targetSpace, nMax,
                    new SplittableRandom(Seeds.derive(seed, "random")));
            for (int n : o.sizes()) {
                for (Method m : o.methods()) {
                    List<double[]> points = points(m, n, targetSpace, response, random, Seeds.derive(seed, n));
                    double r2 = Double.NaN;
                    if (points != null) {
                        double[][] y = o.target().measure(points, props, Seeds.derive(seed, "lab"));
                        r2 = fineTunedR2(o, base, points, y, testX, testY, Seeds.derive(seed, m.label() + n));
                    }
                    scores.add(new Score(m, n, s, r2));
                    progress.update("fine-tune", ++done, total);
                }
            }
        }
        return new Result(o, scores, summarise(o, scores));
    }

    private static Schema schema(Lab lab, ParameterSpace space, int[] props) {
        List<Column> features = new ArrayList<>();
        for (Parameter p : space.parameters()) {
            features.add(Column.numeric(p.name(), ""));
        }
        List<Column> targets = new ArrayList<>();
        for (int k : props) {
            targets.add(Column.numeric(lab.propertyNames().get(k), lab.propertyUnits().get(k)));
        }
        return new Schema(features, targets);
    }

    private static TrainedModel pretrain(Options o, int[] props) {
        ParameterSpace space = o.source().parameterSpace();
        List<double[]> x = SimulatorLab.uniform(space, o.sourceRows(),
                new SplittableRandom(Seeds.derive(o.seed(), "source points")));
        double[][] y = o.source().measure(x, props, Seeds.derive(o.seed(), "source lab"));
        Dataset d = Dataset.of(schema(o.source(), space, props), x.toArray(new double[0][]), y, "source");
        MlpOptions net = new MlpOptions(List.of(32, 32), MlpOptions.defaults().activation(),
                MlpOptions.defaults().training().withMaxEpochs(5 * o.epochs()));
        return Training.fit(d, MlpTrainer.trainer(net), o.ensemble(), Seeds.derive(o.seed(), "pretrain"),
                Map.of("options", net), Progress.NONE);
    }

    /** The method's n points, or null when it has no design of that size (D-optimal below its term count). */
    static List<double[]> points(Method m, int n, ParameterSpace space, SpaceResponse response, List<double[]> random,
            long seed) {
        return switch (m) {
            case RANDOM -> random.subList(0, n);
            case LHS -> plan(Designer.design(space, DesignOptions.of(DesignMethod.LHS, n, seed)));
            case DOPT -> n < ModelMatrix.terms(space, ModelForm.LINEAR) ? null
                    : plan(Designer.design(space, new DesignOptions(DesignMethod.DOPT, n, 3, ModelForm.LINEAR, seed)));
            case EXTREMES -> plan(Designer.design(space, DesignOptions.of(DesignMethod.EXTREMES, n, seed)));
            case INFLECTION -> plan(ModelBasedDesigner.design(space, DesignOptions.of(DesignMethod.INFLECTION, n,
                    seed), response));
            case INFORMATIVE -> plan(ModelBasedDesigner.design(space, DesignOptions.of(DesignMethod.INFORMATIVE, n,
                    seed), response));
            case INFORMATIVE_EXTREMES -> plan(ModelBasedDesigner.design(space, DesignOptions.of(
                    DesignMethod.INFORMATIVE, n, seed), response, new ModelBasedDesigner.Mix(0.5, 0.25)));
            case INFORMATIVE_BENDS -> plan(ModelBasedDesigner.design(space, DesignOptions.of(
                    DesignMethod.INFORMATIVE, n, seed), response, new ModelBasedDesigner.Mix(0.25, 0.5)));
        };
    }

    private static List<double[]> plan(Plan p) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < p.runs(); i++) {
            out.add(p.point(i));
        }
        return out;
    }

    private static double fineTunedR2(Options o, TrainedModel base, List<double[]> x, double[][] y, double[][] testX,
            double[][] testY, long seed) {
        Dataset d = Dataset.of(base.schema(), x.toArray(new double[0][]), y, "target");
        FineTuneOptions ft = FineTuneOptions.defaults().withStrategy(FineTuneStrategy.L2SP);
        ft = new FineTuneOptions(ft.strategy(), ft.normalization(), ft.frozenLayers(), ft.l2spAlpha(),
                ft.learningRate(), o.epochs(), ft.ensemble(), ft.innerFolds());
        TrainedModel tuned = FineTuner.fineTune(base, d, ft, seed, Progress.NONE).model();
        double[][] p = tuned.predictEncoded(testX).mean();
        double sum = 0;
        for (int k = 0; k < testY[0].length; k++) {
            double[] a = new double[testY.length];
            double[] b = new double[testY.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = testY[i][k];
                b[i] = p[i][k];
            }
            sum += Metrics.of(a, b).r2();
        }
        return sum / testY[0].length;
    }

    private static List<Summary> summarise(Options o, List<Score> scores) {
        List<Summary> out = new ArrayList<>();
        for (int n : o.sizes()) {
            double[] lhs = r2s(scores, Method.LHS, n, o.seeds());
            for (Method m : o.methods()) {
                double[] v = r2s(scores, m, n, o.seeds());
                double[] finite = java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
                if (finite.length == 0) {
                    out.add(new Summary(m, n, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
                    continue;
                }
                double mean = java.util.Arrays.stream(finite).average().orElse(Double.NaN);
                double p = Double.NaN;
                double diff = Double.NaN;
                if (m != Method.LHS && lhs != null && finite.length == v.length && o.seeds() >= 2) {
                    WilcoxonResult w = Wilcoxon.test(v, lhs);
                    p = w.pValue();
                    diff = w.medianDifference();
                }
                out.add(new Summary(m, n, finite.length, mean, Quantiles.median(finite), p, diff));
            }
        }
        return out;
    }

    /**
     * The learning curves as a figure: mean target R2 over the seeds against N, one line per method (a method
     * without a design at some N, such as D-optimal below its term count, skips that point).
     */
    public static Svg figure(Result r) {
        List<Integer> sizes = r.options().sizes();
        double[] x = sizes.stream().mapToDouble(Integer::doubleValue).toArray();
        List<CurveSeries> series = new ArrayList<>();
        for (Method m : r.options().methods()) {
            double[] mean = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                mean[j] = Double.NaN;
                for (Summary s : r.summaries()) {
                    if (s.method() == m && s.n() == sizes.get(j)) {
                        mean[j] = s.mean();
                    }
                }
            }
            series.add(CurveSeries.of(m.label(), x, mean));
        }
        return Plots.learningCurves(String.format(java.util.Locale.ROOT, "Fine-tuning %s -> %s on N designed "
                + "experiments (%d seeds)", r.options().source().name(), r.options().target().name(),
                r.options().seeds()), "target R2 (mean over seeds and properties)", series);
    }

    private static double[] r2s(List<Score> scores, Method m, int n, int seeds) {
        double[] v = new double[seeds];
        boolean any = false;
        for (Score s : scores) {
            if (s.method() == m && s.n() == n) {
                v[s.seed()] = s.r2();
                any = true;
            }
        }
        return any ? v : null;
    }
}
