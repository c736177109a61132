package io.transfab.assess;

import io.transfab.data.Numbers;
import io.transfab.data.Table;
import io.transfab.evaluate.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores of an assessment: per size and method the spread of every metric over the repeats, the
 * whole-table resampling scores with bootstrap intervals, the verdict of transfer against the best
 * non-transfer method, what {@code auto} chose, and the recommended method.
 */
public final class Summary {
    /** Quantiles of one metric over the repeats of one size. */
    public record Spread(double median, double p10, double p90, double mean, double[] medianCi) {
    }

    /** One method on one target at one size (or in the resampling). */
    public record TargetScores(Spread r2, Spread rmse, Spread mae, Spread mape, Spread maxError, Spread coverage90,
            Spread msll, double standardizedRmse) {
    }

    /** Pooled out-of-fold scores of the whole-table resampling, each with a bootstrap interval. */
    public record PooledScores(Metrics metrics, Map<String, double[]> intervals, double coverage90, double msll,
            double standardizedRmse) {
    }

    /**
     * One tested (or deliberately untested) comparison for one target: {@code method} against
     * {@code comparator}, both fixed before the test (see {@link Verdicts}).
     *
     * @param comparator        the comparator's name, or "inner-CV choice (gp 6, ridge 2)" when it was
     *                          chosen per split
     * @param comparatorChoices how often each comparator was used over the splits
     * @param verdict           TRANSFER_HELPS, NEGATIVE_TRANSFER, NO_SIGNIFICANT_DIFFERENCE or NOT_TESTED;
     *                          between two non-transfer methods BETTER or WORSE (method against comparator)
     * @param test              the test the verdict uses, or "none"
     * @param splits            paired splits
     * @param meanDifference    mean RMSE difference, method minus comparator (NaN when not tested)
     * @param testTrainRatio    mean n_test/n_train of the splits (the t-test's correction)
     * @param pValue            raw two-sided p of the corrected resampled t-test (NaN when not tested)
     * @param adjustedPValue    Holm-adjusted over every tested comparison of the assessment
     * @param wilcoxonPValue    two-sided Wilcoxon signed-rank p, for reference (not used: the splits overlap)
     */
    public record Verdict(String target, String method, String comparator, Map<String, Integer> comparatorChoices,
            String verdict, String test, int splits, double meanDifference, double testTrainRatio, double pValue,
            double adjustedPValue, double wilcoxonPValue, String sentence) {
        public Verdict {
            comparatorChoices = Map.copyOf(comparatorChoices);
        }
    }

    private final List<String> targets;
    private final List<Method> methods;
    private final Map<Integer, Map<Method, List<TargetScores>>> curves;
    private final Map<Integer, List<Verdict>> verdicts;
    private final List<Verdict> resamplingVerdicts;
    private final int testedComparisons;
    private final double selectionSeconds;
    private final int targetRows;
    private final Map<Integer, Map<String, Integer>> autoChoices;
    private final Map<Method, List<PooledScores>> resampling;
    private final Method recommended;
    private final String recommendation;
    private final Map<String, Double> seconds;
    private final List<SplitResult.Unit> units;

    private Summary(List<String> targets, List<Method> methods, Map<Integer, Map<Method, List<TargetScores>>> curves,
            Map<Integer, List<Verdict>> verdicts, List<Verdict> resamplingVerdicts, int testedComparisons,
            double selectionSeconds, int targetRows, Map<Integer, Map<String, Integer>> autoChoices,
            Map<Method, List<PooledScores>> resampling, Method recommended, String recommendation,
            Map<String, Double> seconds, List<SplitResult.Unit> units) {
        this.targets = targets;
        this.methods = methods;
        this.curves = curves;
        this.verdicts = verdicts;
        this.resamplingVerdicts = resamplingVerdicts;
        this.testedComparisons = testedComparisons;
        this.selectionSeconds = selectionSeconds;
        this.targetRows = targetRows;
        this.autoChoices = autoChoices;
        this.resampling = resampling;
        this.recommended = recommended;
        this.recommendation = recommendation;
        this.seconds = seconds;
        this.units = units;
    }

    /** As {@link #of(List, List, double[][], List, Method, long)} with the comparator chosen per split. */
    public static Summary of(List<SplitResult.Unit> units, List<String> targets, double[][] targetY,
            List<Method> methods, long seed) {
        return of(units, targets, targetY, methods, null, seed);
    }

    /**
     * @param fixedComparator the verdicts' comparator where the splits carry no inner-CV choice
     *                        (--baseline, hybrid-scratch on the hybrid path), or null
     */
    public static Summary of(List<SplitResult.Unit> units, List<String> targets, double[][] targetY,
            List<Method> methods, Method fixedComparator, long seed) {
        double[] sd = new double[targets.size()];
        double[] mean = new double[targets.size()];
        for (int t = 0; t < sd.length; t++) {
            double[] col = SplitResult.column(targetY, t);
            mean[t] = Arrays.stream(col).average().orElse(0);
            final int tt = t;
            sd[t] = Math.sqrt(Arrays.stream(col).map(v -> (v - mean[tt]) * (v - mean[tt])).sum() / col.length);
        }
        Map<Integer, Map<Method, List<List<SplitResult>>>> bySize = new TreeMap<>();
        Map<Method, List<SplitResult>> cv = new LinkedHashMap<>();
        Map<Integer, Map<String, Integer>> autoChoices = new TreeMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<Integer, List<SplitResult.Unit>> unitsBySize = new TreeMap<>();
        List<SplitResult.Unit> cvUnits = new ArrayList<>();
        double selectionSeconds = 0;
        for (SplitResult.Unit u : units) {
            selectionSeconds += u.selectionSeconds();
            (u.phase().equals("cv") ? cvUnits : unitsBySize.computeIfAbsent(u.size(), k -> new ArrayList<>())).add(u);
            for (SplitResult r : u.results()) {
                Method m = Method.fromCliName(r.method());
                seconds.merge(r.method(), r.seconds(), Double::sum);
                if (u.phase().equals("cv")) {
                    cv.computeIfAbsent(m, k -> new ArrayList<>()).add(r);
                    continue;
                }
                bySize.computeIfAbsent(u.size(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(m, k -> new ArrayList<>()).add(List.of(r));
                if (r.autoChoice() != null) {
                    autoChoices.computeIfAbsent(u.size(), k -> new TreeMap<>()).merge(r.autoChoice(), 1,
                            Integer::sum);
                }
            }
        }
        Map<Integer, Map<Method, List<TargetScores>>> curves = new TreeMap<>();
        for (var e : bySize.entrySet()) {
            Map<Method, List<TargetScores>> perMethod = new LinkedHashMap<>();
            for (Method m : methods) {
                List<List<SplitResult>> splits = e.getValue().get(m);
                if (splits == null) {
                    continue;
                }
                List<TargetScores> scores = new ArrayList<>();
                for (int t = 0; t < targets.size(); t++) {
                    int k = splits.size();
                    double[][] vals = new double[7][k];
                    for (int i = 0; i < k; i++) {
                        SplitResult r = splits.get(i).get(0);
                        double[] y = SplitResult.column(r.measured(), t);
                        double[] mu = SplitResult.column(r.mean(), t);
                        double[] s = SplitResult.column(r.std(), t);
                        Metrics mt = Metrics.of(y, mu);
                        vals[0][i] = mt.r2();
                        vals[1][i] = mt.rmse();
                        vals[2][i] = mt.mae();
                        vals[3][i] = mt.mape();
                        vals[4][i] = mt.maxError();
                        vals[5][i] = Stats.coverage(y, mu, s);
                        vals[6][i] = Stats.msll(y, mu, s, mean[t], sd[t] * sd[t]);
                    }
                    long s0 = io.transfab.model.Seeds.derive(seed, e.getKey() * 31L + t);
                    Spread rm = Stats.spread(vals[1], s0);
                    scores.add(new TargetScores(Stats.spread(vals[0], s0), rm, Stats.spread(vals[2], s0),
                            Stats.spread(vals[3], s0), Stats.spread(vals[4], s0), Stats.spread(vals[5], s0),
                            Stats.spread(vals[6], s0), rm.median() / sd[t]));
                }
                perMethod.put(m, scores);
            }
            curves.put(e.getKey(), perMethod);
        }
        List<Verdicts.Block> blocks = new ArrayList<>();
        // a draw of every target row trains on the same rows each repeat: only the seed differs
        unitsBySize.forEach((size, us) -> blocks.add(new Verdicts.Block(size, us, size >= targetY.length)));
        if (!cvUnits.isEmpty()) {
            blocks.add(new Verdicts.Block(RESAMPLING_KEY, cvUnits, false));
        }
        Verdicts.Outcome judged = Verdicts.of(blocks, targets, methods, fixedComparator, targetY.length);
        Map<Integer, List<Verdict>> verdicts = new TreeMap<>(judged.byBlock());
        List<Verdict> resamplingVerdicts = verdicts.containsKey(RESAMPLING_KEY) ? verdicts.remove(RESAMPLING_KEY)
                : List.of();
        Map<Method, List<PooledScores>> resampling = new LinkedHashMap<>();
        for (var e : cv.entrySet()) {
            List<PooledScores> perTarget = new ArrayList<>();
            for (int t = 0; t < targets.size(); t++) {
                List<Double> y = new ArrayList<>();
                List<Double> mu = new ArrayList<>();
                List<Double> s = new ArrayList<>();
                for (SplitResult r : e.getValue()) {
                    for (int i = 0; i < r.measured().length; i++) {
                        y.add(r.measured()[i][t]);
                        mu.add(r.mean()[i][t]);
                        s.add(r.std()[i][t]);
                    }
                }
                double[] ya = toArray(y);
                double[] ma = toArray(mu);
                double[] sa = toArray(s);
                Metrics mt = Metrics.of(ya, ma);
                perTarget.add(new PooledScores(mt, Stats.metricIntervals(ya, ma, io.transfab.model.Seeds.derive(seed,
                        "cv-bootstrap-" + t)), Stats.coverage(ya, ma, sa), Stats.msll(ya, ma, sa, mean[t],
                        sd[t] * sd[t]), mt.rmse() / sd[t]));
            }
            resampling.put(e.getKey(), perTarget);
        }
        Method best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        Map<Method, Double> overall = new LinkedHashMap<>();
        for (Method m : methods) {
            double sum = 0;
            int count = 0;
            for (var c : curves.values()) {
                List<TargetScores> ts = c.get(m);
                if (ts != null) {
                    for (TargetScores x : ts) {
                        sum += x.standardizedRmse();
                        count++;
                    }
                }
            }
            List<PooledScores> ps = resampling.get(m);
            if (ps != null) {
                for (PooledScores x : ps) {
                    sum += x.standardizedRmse();
                    count++;
                }
            }
            if (count > 0) {
                overall.put(m, sum / count);
                if (sum / count < bestScore) {
                    bestScore = sum / count;
                    best = m;
                }
            }
        }
        OneSe rule = oneStandardError(units, methods, overall, best, sd, targetY.length);
        StringBuilder why = new StringBuilder(rule.reason());
        overall.entrySet().stream().filter(x -> x.getKey() != null).sorted(Map.Entry.comparingByValue()).limit(3)
                .forEach(x -> why.append(String.format(Locale.ROOT, "; %s %.3f", x.getKey().cliName(),
                        x.getValue())));
        best = rule.chosen();
        return new Summary(List.copyOf(targets), List.copyOf(methods), curves, verdicts, resamplingVerdicts,
                judged.family(), selectionSeconds, targetY.length, autoChoices, resampling, best, why.toString(),
                seconds, List.copyOf(units));
    }

    /**
     * Order in which {@code assess} prefers methods whose error cannot be told from the lowest: auto
     * first (it chooses by its own inner CV, with the one-SE rule, among transfer, GP and their stack),
     * then the GP-based methods (smooth, few hyperparameters), the constrained fine-tuning, and the
     * flexible learners last.
     */
    public static final List<Method> RECOMMENDATION_PREFERENCE = List.of(Method.AUTO, Method.TRANSFER_GP, Method.GP,
            Method.L2SP, Method.HYBRID_TRANSFER, Method.FREEZE, Method.FULL, Method.HEAD, Method.RIDGE,
            Method.HYBRID_SCRATCH, Method.XGBOOST, Method.MLP);

    /** The recommendation of the one-standard-error rule and the sentence that says why. */
    record OneSe(Method chosen, String reason) {
    }

    /**
     * The one-standard-error rule (Hastie, Tibshirani &amp; Friedman 2009, sec. 7.10), the rule
     * {@code auto} uses inside: the most preferred method ({@link #RECOMMENDATION_PREFERENCE}) whose
     * per-split standardised RMSE (mean over targets of RMSE / sd) exceeds that of the lowest-scoring
     * method by no more than one standard error of the paired per-split differences. The splits
     * share training rows, so the standard error is the Nadeau-Bengio corrected one,
     * {@code sqrt((1/J + n_test/n_train) s^2)} (the verdicts' correction), with J splits.
     */
    static OneSe oneStandardError(List<SplitResult.Unit> units, List<Method> methods, Map<Method, Double> overall,
            Method best, double[] sd, int poolRows) {
        String lowest = String.format(Locale.ROOT, "%s has the lowest RMSE relative to the targets' standard "
                + "deviation, averaged over every size, the resampling and every target: %.3f", best.cliName(),
                overall.get(best));
        List<Method> preferred = new ArrayList<>(RECOMMENDATION_PREFERENCE.stream().filter(overall::containsKey)
                .toList());
        overall.keySet().stream().filter(m -> !preferred.contains(m)).forEach(preferred::add);
        for (Method m : preferred) {
            if (m == best) {
                return new OneSe(best, lowest + (m == preferred.get(0) ? "" : "; no more preferred method came "
                        + "within one standard error of it (one-SE rule over the paired splits)"));
            }
            List<Double> diffs = new ArrayList<>();
            double ratio = 0;
            for (SplitResult.Unit u : units) {
                SplitResult a = find(u, m);
                SplitResult b = find(u, best);
                if (a == null || b == null) {
                    continue;
                }
                diffs.add(standardisedRmse(a, sd) - standardisedRmse(b, sd));
                ratio += (double) Math.max(0, poolRows - u.size()) / u.size();
            }
            int j = diffs.size();
            if (j < 2) {
                continue;
            }
            ratio /= j;
            double mean = diffs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double ss = diffs.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
            double se = Math.sqrt((1.0 / j + ratio) * ss / (j - 1));
            if (Double.isFinite(mean) && mean <= se) {
                return new OneSe(m, String.format(Locale.ROOT, "%s is within one standard error of the lowest, %s "
                        + "(%.3f vs %.3f relative RMSE; mean paired difference %.3f <= corrected SE %.3f over %d "
                        + "splits): one-SE rule, assess prefers %s when the splits cannot tell the methods apart",
                        m.cliName(), best.cliName(), overall.get(m), overall.get(best), mean, se, j, m.cliName()));
            }
        }
        return new OneSe(best, lowest);
    }

    private static SplitResult find(SplitResult.Unit u, Method m) {
        for (SplitResult r : u.results()) {
            if (r.method().equals(m.cliName())) {
                return r;
            }
        }
        return null;
    }

    /** Mean over targets of RMSE / sd of one split. */
    private static double standardisedRmse(SplitResult r, double[] sd) {
        double sum = 0;
        for (int t = 0; t < sd.length; t++) {
            sum += Metrics.of(SplitResult.column(r.measured(), t), SplitResult.column(r.mean(), t)).rmse() / sd[t];
        }
        return sum / sd.length;
    }

    /** The block key of the whole-table resampling among the verdicts' blocks. */
    static final int RESAMPLING_KEY = -1;

    /**
     * The transfer method a verdict speaks for: the first of these that was assessed. Fixed in
     * advance (auto, then auto's own preference) so that the test is not run on the winner of the
     * same data.
     */
    static final List<Method> TRANSFER_ORDER = List.of(Method.AUTO, Method.L2SP, Method.TRANSFER_GP, Method.FREEZE,
            Method.FULL, Method.HEAD, Method.HYBRID_TRANSFER);

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public Method recommended() {
        return recommended;
    }

    public String recommendation() {
        return recommendation;
    }

    public List<String> targets() {
        return targets;
    }

    public List<Method> methods() {
        return methods;
    }

    public Map<Integer, Map<Method, List<TargetScores>>> curves() {
        return curves;
    }

    /** The learning-curve verdicts per size. */
    public Map<Integer, List<Verdict>> verdicts() {
        return verdicts;
    }

    /** The verdicts of the whole-table resampling (empty without one). */
    public List<Verdict> resamplingVerdicts() {
        return resamplingVerdicts;
    }

    /** How many comparisons were tested: the size of the Holm family. */
    public int testedComparisons() {
        return testedComparisons;
    }

    /** Seconds of inner cross-validation spent choosing the comparators. */
    public double selectionSeconds() {
        return selectionSeconds;
    }

    /** Whether every draw of this size trains on the whole target table (only seed variability). */
    public boolean seedVariabilityOnly(int size) {
        return size >= targetRows;
    }

    /** Per target, how often each comparator was chosen at this size (or {@link #RESAMPLING_KEY}). */
    public Map<String, Map<String, Integer>> comparatorChoices(int key) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (Verdict v : key == RESAMPLING_KEY ? resamplingVerdicts : verdicts.getOrDefault(key, List.of())) {
            out.putIfAbsent(v.target(), v.comparatorChoices());
        }
        return out;
    }

    public Map<Integer, Map<String, Integer>> autoChoices() {
        return autoChoices;
    }

    public Map<Method, List<PooledScores>> resampling() {
        return resampling;
    }

    public Map<String, Double> seconds() {
        return seconds;
    }

    public List<SplitResult.Unit> units() {
        return units;
    }

    /** metrics.json: settings and data first, then curves, verdicts, resampling and the recommendation. */
    public Map<String, Object> toJson(Map<String, Object> header) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "transfab-assessment");
        root.put("formatVersion", 2);
        root.putAll(header);
        root.put("targets", targets);
        List<Object> sizes = new ArrayList<>();
        for (var e : curves.entrySet()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("size", e.getKey());
            Map<String, Object> ms = new LinkedHashMap<>();
            for (var m : e.getValue().entrySet()) {
                Map<String, Object> perTarget = new LinkedHashMap<>();
                for (int t = 0; t < targets.size(); t++) {
                    perTarget.put(targets.get(t), m.getValue().get(t));
                }
                ms.put(m.getKey().cliName(), perTarget);
            }
            s.put("methods", ms);
            s.put("verdicts", verdicts.getOrDefault(e.getKey(), List.of()));
            s.put("comparatorChoices", comparatorChoices(e.getKey()));
            s.put("seedVariabilityOnly", seedVariabilityOnly(e.getKey()));
            if (seedVariabilityOnly(e.getKey())) {
                s.put("note", "every draw trains on all " + targetRows + " target rows, so the repeats differ only "
                        + "in their seed: only seed variability is measured at this size, no p-value is given and "
                        + "the verdict is NOT_TESTED");
            }
            s.put("autoChoices", autoChoices.getOrDefault(e.getKey(), Map.of()));
            sizes.add(s);
        }
        root.put("learningCurve", sizes);
        Map<String, Object> cv = new LinkedHashMap<>();
        for (var e : resampling.entrySet()) {
            Map<String, Object> perTarget = new LinkedHashMap<>();
            for (int t = 0; t < targets.size(); t++) {
                perTarget.put(targets.get(t), e.getValue().get(t));
            }
            cv.put(e.getKey().cliName(), perTarget);
        }
        root.put("resampling", cv);
        root.put("resamplingVerdicts", resamplingVerdicts);
        root.put("resamplingComparatorChoices", comparatorChoices(RESAMPLING_KEY));
        Map<String, Object> testing = new LinkedHashMap<>();
        testing.put("test", Verdicts.TEST);
        testing.put("why", "the splits share training rows, so their errors are correlated; the t-test's variance "
                + "is inflated by (1/J + n_test/n_train) (Nadeau and Bengio 2003); Wilcoxon p-values are reported "
                + "beside it but not used");
        testing.put("alpha", Verdicts.ALPHA);
        testing.put("adjustment", "holm");
        testing.put("family", testedComparisons);
        testing.put("comparator", "fixed before the test: --baseline, or per split the non-transfer method with the "
                + "lowest inner cross-validated RMSE on that split's training rows");
        testing.put("comparatorSelectionSeconds", selectionSeconds);
        root.put("verdictTesting", testing);
        root.put("recommended", Map.of("method", recommended.cliName(), "reason", recommendation, "directory",
                "recommended"));
        root.put("trainingSeconds", seconds);
        return root;
    }

    /** predictions.csv: one row per split, method, scored row and target. */
    public static Table predictionsTable(List<SplitResult.Unit> units, List<String> targets) {
        List<List<String>> rows = new ArrayList<>();
        for (SplitResult.Unit u : units) {
            for (SplitResult r : u.results()) {
                for (int i = 0; i < r.testRows().length; i++) {
                    for (int t = 0; t < targets.size(); t++) {
                        rows.add(List.of(r.phase(), Integer.toString(r.size()), Integer.toString(r.repeat()),
                                Integer.toString(r.fold()), r.method(), Integer.toString(r.testRows()[i]),
                                targets.get(t), Numbers.format(r.measured()[i][t]), Numbers.format(r.mean()[i][t]),
                                Numbers.format(r.std()[i][t])));
                    }
                }
            }
        }
        return Table.of("predictions.csv", List.of("phase", "train_size", "repeat", "fold", "method", "row", "target",
                "measured", "predicted", "std"), List.of("", "", "", "", "", "", "", "", "", ""), rows);
    }
}
