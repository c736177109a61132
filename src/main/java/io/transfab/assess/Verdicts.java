package io.transfab.assess;

import io.transfab.data.DataException;
import io.transfab.evaluate.CorrectedTTest;
import io.transfab.evaluate.Holm;
import io.transfab.evaluate.Metrics;
import io.transfab.evaluate.PairedComparison;
import io.transfab.evaluate.Quantiles;
import io.transfab.evaluate.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verdicts of an assessment (see docs/statistics.md, "The verdict"). Per block of splits (one
 * learning-curve size, or the whole-table resampling) and target, the fixed transfer method
 * ({@link Summary#TRANSFER_ORDER}) is compared with a comparator fixed before the test: the
 * {@code --baseline} method, or per split the non-transfer method inner cross-validation chose on
 * that split's training rows ({@link BaselineSelection}). Without a transfer method (no source),
 * every pair of assessed methods is compared (or each against {@code --baseline}).
 *
 * <p>The splits overlap in their training rows, so the verdict uses the Nadeau-Bengio corrected
 * resampled t-test ({@link CorrectedTTest}); the Wilcoxon signed-rank p-value is reported beside
 * it. Blocks whose splits all train on the same rows (a size equal to the whole table) measure only
 * seed variability and are not tested. The p-values of every tested comparison of the assessment
 * form one family and are Holm-adjusted ({@link Holm}); a verdict needs the adjusted p below alpha.
 */
final class Verdicts {
    static final double ALPHA = PairedComparison.DEFAULT_ALPHA;
    static final String TEST = "Nadeau-Bengio corrected resampled t-test";

    private Verdicts() {
    }

    /**
     * Splits that are tested together.
     *
     * @param key              the size, or -1 for the whole-table resampling
     * @param sameTrainingRows every split trains on the same rows (only the seed differs)
     */
    record Block(int key, List<SplitResult.Unit> units, boolean sameTrainingRows) {
        Block {
            units = List.copyOf(units);
        }
    }

    /** The verdicts per block key, in block order, and the size of the Holm family. */
    record Outcome(Map<Integer, List<Summary.Verdict>> byBlock, int family) {
    }

    private record Pending(int block, String target, Method method, String comparator,
            Map<String, Integer> choices, boolean transfer, double[] a, double[] b, double ratio, String untested) {
    }

    /**
     * @param fixedComparator the comparator when the splits carry no inner-CV choice (--baseline, the
     *                        hybrid path's hybrid-scratch), or null: the first assessed of
     *                        {@link BaselineSelection#ORDER} where a split carries none
     */
    /**
     * @param poolRows        rows of the target table the splits are drawn from (N): the t-test's
     *                        correction uses n_test/n_train = (N - n_train)/n_train, the rows a split
     *                        leaves out of training, also when a separate test table scores the draws
     */
    static Outcome of(List<Block> blocks, List<String> targets, List<Method> methods, Method fixedComparator,
            int poolRows) {
        Method transfer = Summary.TRANSFER_ORDER.stream().filter(methods::contains).findFirst().orElse(null);
        List<Pending> pending = new ArrayList<>();
        for (int bi = 0; bi < blocks.size(); bi++) {
            Block block = blocks.get(bi);
            for (int t = 0; t < targets.size(); t++) {
                if (transfer != null) {
                    pending.add(pending(bi, block, t, targets.get(t), transfer, null, methods, fixedComparator,
                            poolRows));
                    continue;
                }
                List<Method> plain = methods.stream().filter(m -> !m.isTransfer()).toList();
                for (int i = 0; i < plain.size(); i++) {
                    for (int j = i + 1; j < plain.size(); j++) {
                        Method a = plain.get(i);
                        Method b = plain.get(j);
                        if (fixedComparator != null && b != fixedComparator) {
                            if (a != fixedComparator) {
                                continue;
                            }
                            Method swap = a;
                            a = b;
                            b = swap;
                        }
                        pending.add(pending(bi, block, t, targets.get(t), a, b, methods, fixedComparator, poolRows));
                    }
                }
            }
        }
        List<Pending> tested = pending.stream().filter(p -> p.untested() == null).toList();
        double[] raw = new double[tested.size()];
        CorrectedTTest[] tests = new CorrectedTTest[tested.size()];
        for (int i = 0; i < raw.length; i++) {
            Pending p = tested.get(i);
            tests[i] = CorrectedTTest.of(p.a(), p.b(), p.ratio());
            raw[i] = tests[i].pValue();
        }
        double[] adjusted = Holm.adjust(raw);
        Map<Integer, List<Summary.Verdict>> out = new LinkedHashMap<>();
        for (Block b : blocks) {
            out.put(b.key(), new ArrayList<>());
        }
        int k = 0;
        for (Pending p : pending) {
            Summary.Verdict v = p.untested() != null ? untested(p)
                    : tested(p, tests[k], adjusted[k++], raw.length);
            out.get(blocks.get(p.block()).key()).add(v);
        }
        out.replaceAll((key, list) -> List.copyOf(list));
        return new Outcome(out, raw.length);
    }

    private static Pending pending(int bi, Block block, int t, String target, Method method, Method fixedPair,
            List<Method> methods, Method fixedComparator, int poolRows) {
        List<SplitResult.Unit> units = block.units();
        double[] a = new double[units.size()];
        double[] b = new double[units.size()];
        Map<String, Integer> choices = new TreeMap<>();
        double ratio = 0;
        String untested = null;
        for (int j = 0; j < units.size(); j++) {
            SplitResult.Unit u = units.get(j);
            Method comparator = fixedPair != null ? fixedPair : comparator(u, t, methods, fixedComparator);
            choices.merge(comparator.cliName(), 1, Integer::sum);
            SplitResult ra = result(u, method);
            SplitResult rb = result(u, comparator);
            a[j] = rmse(ra, t);
            b[j] = rmse(rb, t);
            if (!Double.isFinite(a[j]) || !Double.isFinite(b[j])) {
                untested = "a split has no finite RMSE";
            }
            ratio += (double) (poolRows - u.size()) / u.size();
        }
        ratio /= Math.max(1, units.size());
        String comparator = fixedPair != null ? fixedPair.cliName() : comparatorLabel(choices, fixedComparator);
        if (block.sameTrainingRows()) {
            untested = String.format(Locale.ROOT, "all %d draws train on the same %d rows (the whole table), so "
                    + "they differ only in their seeds: only seed variability is measured here, not sampling "
                    + "variability, and no p-value is given", units.size(), units.isEmpty() ? 0 : units.get(0).size());
        } else if (units.size() < 2 && untested == null) {
            untested = "fewer than two splits";
        }
        return new Pending(bi, target, method, comparator, choices, fixedPair == null && method.isTransfer(), a, b,
                ratio, untested);
    }

    /** The comparator of one split: --baseline, the split's inner-CV choice, or the fixed fallback. */
    private static Method comparator(SplitResult.Unit u, int t, List<Method> methods, Method fixedComparator) {
        if (fixedComparator != null) {
            return fixedComparator;
        }
        if (!u.baselines().isEmpty()) {
            return Method.fromCliName(u.baselines().get(t));
        }
        List<Method> candidates = BaselineSelection.candidates(methods);
        if (candidates.isEmpty()) {
            throw DataException.option("a verdict needs a non-transfer method to compare with; add gp, "
                    + "ridge, xgboost or mlp to --methods");
        }
        return candidates.get(0);
    }

    private static String comparatorLabel(Map<String, Integer> choices, Method fixedComparator) {
        if (fixedComparator != null || choices.size() == 1 && choices.values().iterator().next() == 1) {
            return choices.keySet().iterator().next();
        }
        StringBuilder sb = new StringBuilder("inner-CV choice (");
        choices.forEach((m, n) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ").append(m).append(' ')
                .append(n));
        return sb.append(')').toString();
    }

    private static SplitResult result(SplitResult.Unit u, Method m) {
        for (SplitResult r : u.results()) {
            if (r.method().equals(m.cliName())) {
                return r;
            }
        }
        throw new IllegalStateException("split " + u.key() + " has no result of " + m.cliName());
    }

    private static double rmse(SplitResult r, int t) {
        return Metrics.of(SplitResult.column(r.measured(), t), SplitResult.column(r.mean(), t)).rmse();
    }

    private static Summary.Verdict untested(Pending p) {
        String sentence = String.format(Locale.ROOT, "%s vs %s: median RMSE %s vs %s over %d split%s; %s: not tested",
                p.method().cliName(), p.comparator(), fmt(median(p.a())), fmt(median(p.b())), p.a().length,
                p.a().length == 1 ? "" : "s", p.untested());
        return new Summary.Verdict(p.target(), p.method().cliName(), p.comparator(), p.choices(),
                Verdict.NOT_TESTED.name(), "none", p.a().length, Double.NaN, p.ratio(), Double.NaN, Double.NaN,
                Double.NaN, sentence);
    }

    private static Summary.Verdict tested(Pending p, CorrectedTTest test, double adjusted, int family) {
        double wilcoxon = PairedComparison.of("RMSE", p.a(), p.b(), ALPHA).pValue();
        boolean significant = adjusted < ALPHA;
        boolean lower = test.meanDifference() < 0;
        String verdict;
        String what;
        if (p.transfer()) {
            Verdict v = !significant ? Verdict.NO_SIGNIFICANT_DIFFERENCE
                    : lower ? Verdict.TRANSFER_HELPS : Verdict.NEGATIVE_TRANSFER;
            verdict = v.name();
            what = switch (v) {
                case TRANSFER_HELPS -> "transfer helps";
                case NEGATIVE_TRANSFER -> "negative transfer (transfer is worse)";
                default -> "no significant difference";
            };
        } else {
            verdict = !significant ? Verdict.NO_SIGNIFICANT_DIFFERENCE.name() : lower ? "BETTER" : "WORSE";
            what = !significant ? "no significant difference"
                    : p.method().cliName() + (lower ? " is better" : " is worse");
        }
        String sentence = String.format(Locale.ROOT, "%s vs %s: median RMSE %s vs %s, mean difference %s over %d "
                + "splits; corrected resampled t-test (n_test/n_train = %s) p = %s, Holm-adjusted over %d test%s "
                + "p = %s (Wilcoxon signed-rank p = %s, not used: the splits overlap): %s at alpha = %s",
                p.method().cliName(), p.comparator(), fmt(median(p.a())), fmt(median(p.b())),
                fmt(test.meanDifference()), test.splits(), fmt(p.ratio()), fmt(test.pValue()), family,
                family == 1 ? "" : "s", fmt(adjusted), fmt(wilcoxon), what, fmt(ALPHA));
        return new Summary.Verdict(p.target(), p.method().cliName(), p.comparator(), p.choices(), verdict, TEST,
                test.splits(), test.meanDifference(), p.ratio(), test.pValue(), adjusted, wilcoxon, sentence);
    }

    private static double median(double[] v) {
        return Quantiles.median(v);
    }

    private static String fmt(double v) {
        return PairedComparison.fmt(v);
    }
}
