package io.transfab.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.Column;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.Metrics;
import io.transfab.evaluate.Quantiles;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.gp.GpOptions;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeParameters;
import io.transfab.simulate.ElectrodeSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The measurements of docs/accuracy-components.md: each robust default of auto (issue 13) switched
 * on and off on the shared real tables and a corrupted simulated transfer, median test R2 over a
 * few draws at 10 / 20 / 40 target rows. Tagged {@code study}: minutes per table, not run in CI.
 * {@code -Dstudy.tables=concrete-age,concrete-sp,sim-corrupt} and {@code -Dstudy.variants=...}
 * choose what runs; the table goes to {@code target/robust-components-<tables>.md}.
 */
@Tag("study")
class RobustComponentsStudy {
    private static final Path DATA = Path.of("..", "shared", "datasets");
    private static final int DRAWS = Integer.getInteger("study.draws", 3);
    private static final int FIRST_DRAW = Integer.getInteger("study.firstDraw", 0);
    private static final int TEST_ROWS = 200;

    /** A source table and a target table with the same columns. */
    record Task(String name, Dataset source, Dataset target) {
    }

    /**
     * Variants that differ only in what auto selects from one inner CV (its repeat 0 is the single
     * CV of before): measured from one run of the inner CV per draw.
     */
    record Selector(String name, java.util.Set<FineTuner.Candidate> allowed, int repeats, boolean stacking) {
    }

    static List<Selector> selectors() {
        var all = java.util.EnumSet.allOf(FineTuner.Candidate.class);
        var noGp = java.util.EnumSet.complementOf(java.util.EnumSet.of(FineTuner.Candidate.GP,
                FineTuner.Candidate.STACK));
        var gp = java.util.EnumSet.complementOf(java.util.EnumSet.of(FineTuner.Candidate.STACK));
        return List.of(new Selector("before", noGp, 1, false), new Selector("+gp", gp, 1, false),
                new Selector("+gp+stack", all, 1, true), new Selector("defaults (+gp+stack+repeats)", all, 2, true),
                new Selector("defaults-stack", gp, 2, false));
    }

    /** Variants that change the candidates' fits: each needs its own inner CV. */
    static Map<String, AutoOptions> fitVariants() {
        Map<String, AutoOptions> v = new LinkedHashMap<>();
        v.put("defaults+huber", AutoOptions.defaults().withHuberOnOutliers(true));
        v.put("defaults+floor", AutoOptions.defaults().withNoiseFloor(0.05));
        v.put("defaults+iso", AutoOptions.defaults().withIsotropicGp(true));
        v.put("defaults+log", AutoOptions.defaults().withLogTarget(true));
        v.put("defaults+l2spgrid", AutoOptions.defaults().withL2spGrid(true));
        return v;
    }

    /** Runs the study outside JUnit (e.g. from a copy of the compiled classes while the sources change). */
    public static void main(String[] args) throws IOException {
        new RobustComponentsStudy().components();
    }

    @Test
    void components() throws IOException {
        List<String> tables = List.of(System.getProperty("study.tables", "concrete-age,concrete-sp,sim-corrupt")
                .split(","));
        List<String> fit = List.of(System.getProperty("study.fitVariants", "").split(",")).stream()
                .filter(v -> !v.isBlank()).toList();
        int[] sizes = java.util.Arrays.stream(System.getProperty("study.sizes", "10,20,40").split(","))
                .mapToInt(Integer::parseInt).toArray();
        StringBuilder md = new StringBuilder("| table | variant | R2 at " + java.util.Arrays.toString(sizes)
                + " | auto chose |\n|---|---|---|---|\n");
        for (String name : tables) {
            Task task = task(name);
            TrainedModel base = Training.fit(task.source(), MlpTrainer.trainer(MlpOptions.defaults()),
                    Integer.getInteger("study.ensemble", 3), 1L, Map.of(), Progress.NONE);
            Map<String, double[][]> r2 = new LinkedHashMap<>();
            Map<String, List<String>> picks = new LinkedHashMap<>();
            for (int si = 0; si < sizes.length; si++) {
                int size = sizes[si];
                for (int d = FIRST_DRAW; d < FIRST_DRAW + DRAWS; d++) {
                    Dataset[] split = draw(task.target(), size, Seeds.derive(7L, name + size + "-" + d));
                    long seed = Seeds.derive(11L, d);
                    FineTuneOptions o = FineTuneOptions.defaults();
                    if (!Boolean.parseBoolean(System.getProperty("study.selectors", "true"))) {
                        runFitVariants(fit, base, split, seed, r2, picks, sizes.length, si, d);
                        continue;
                    }
                    FineTuner.LevelOne one = FineTuner.levelOne(base, FineTuner.networks(base), split[0].x(),
                            split[0].y(), null, o, Seeds.derive(seed, "auto"), Progress.NONE);
                    Map<String, Double> done = new java.util.HashMap<>();
                    for (Selector v : selectors()) {
                        FineTuner.Inner inner = FineTuner.choose(one, v.allowed(), Math.min(v.repeats(),
                                one.repeats()), v.stacking());
                        String key = inner.selection().chosen() + inner.selection().stackWeights();
                        double score = done.computeIfAbsent(key, k -> r2(FineTuner.fineTune(base, split[0], null, o,
                                inner, seed, Progress.NONE).model(), split[1]));
                        record(r2, picks, v.name(), sizes.length, si, d, score, inner.selection().chosen());
                    }
                    runFitVariants(fit, base, split, seed, r2, picks, sizes.length, si, d);
                    for (boolean iso : new boolean[] {false, true}) {
                        TrainedModel gp = Training.fit(split[0], GaussianProcessTrainer.of(
                                GpOptions.defaults().withIsotropic(iso)), 1, seed, Map.of(), Progress.NONE);
                        record(r2, picks, iso ? "plain gp (isotropic)" : "plain gp (ARD, assess's gp)", sizes.length,
                                si, d, r2(gp, split[1]), null);
                    }
                    StringBuilder line = new StringBuilder();
                    for (var e : r2.entrySet()) {
                        line.append(String.format(Locale.ROOT, "%s=%.3f ", e.getKey(), e.getValue()[si][d - FIRST_DRAW]));
                    }
                    System.out.printf(Locale.ROOT, "RESULT %s n=%d draw %d: %s| chose %s%n", name, size, d, line, picks);
                }
            }
            for (var e : r2.entrySet()) {
                md.append("| ").append(name).append(" | ").append(e.getKey());
                for (double[] perSize : e.getValue()) {
                    md.append(String.format(Locale.ROOT, " | %.3f", Quantiles.median(perSize)));
                }
                md.append(" | ").append(String.join(" ", picks.get(e.getKey()))).append(" |\n");
            }
            System.out.print(md);
            Files.writeString(Path.of("target", "robust-components-partial-" + String.join("+", fit) + ".md"),
                    md.toString());
        }
        Path out = Path.of("target", "robust-components-" + String.join("+", tables) + ".md");
        Files.writeString(out, md.toString());
        assertThat(md.toString()).contains("| before");
    }

    private static void runFitVariants(List<String> fit, TrainedModel base, Dataset[] split, long seed,
            Map<String, double[][]> r2, Map<String, List<String>> picks, int sizes, int si, int d) {
        for (String fv : fit) {
            FineTuner.Result r = FineTuner.fineTune(base, split[0],
                    FineTuneOptions.defaults().withAuto(fitVariants().get(fv)), seed, Progress.NONE);
            record(r2, picks, fv, sizes, si, d, r2(r.model(), split[1]), r.selection().chosen());
        }
    }

    private static void record(Map<String, double[][]> r2, Map<String, List<String>> picks, String variant,
            int sizes, int si, int d, double score, String chosen) {
        r2.computeIfAbsent(variant, k -> new double[sizes][DRAWS])[si][d - FIRST_DRAW] = score;
        if (chosen != null) {
            picks.computeIfAbsent(variant, k -> new ArrayList<>()).add(chosen);
        }
    }

    static Task task(String name) throws IOException {
        return switch (name) {
            case "concrete-age" -> concrete(name, 7, v -> v <= 28);
            case "concrete-sp" -> concrete(name, 4, v -> v == 0);
            case "sim-corrupt" -> simulated();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** UCI concrete: source rows where column {@code by} passes {@code inSource}, target the rest. */
    private static Task concrete(String name, int by, java.util.function.DoublePredicate inSource) throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve("uci_concrete_compressive_strength.csv"));
        String[] head = lines.get(0).split(",");
        List<Column> features = new ArrayList<>();
        for (int j = 0; j < head.length - 1; j++) {
            features.add(Column.numeric(head[j], ""));
        }
        Schema schema = new Schema(features, List.of(Column.numeric(head[head.length - 1], "")));
        List<double[]> sx = new ArrayList<>();
        List<double[]> sy = new ArrayList<>();
        List<double[]> tx = new ArrayList<>();
        List<double[]> ty = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double[] x = new double[c.length - 1];
            for (int j = 0; j < x.length; j++) {
                x[j] = Double.parseDouble(c[j]);
            }
            double[] y = {Double.parseDouble(c[c.length - 1])};
            (inSource.test(x[by]) ? sx : tx).add(x);
            (inSource.test(x[by]) ? sy : ty).add(y);
        }
        return new Task(name, Dataset.of(schema, sx.toArray(new double[0][]), sy.toArray(new double[0][]), name + "-s"),
                Dataset.of(schema, tx.toArray(new double[0][]), ty.toArray(new double[0][]), name + "-t"));
    }

    /**
     * The electrode simulator, graphite (source, 600 rows) to silicon-graphite (target), porosity,
     * with lab-like corruption of the target added here: Student-t (3 d.o.f.) noise of 0.3 target
     * standard deviations and 10 % gross outliers of +-3 standard deviations.
     */
    private static Task simulated() {
        Dataset s = electrode(Chemistry.GRAPHITE, 600, 2);
        Dataset t = electrode(Chemistry.SILICON_GRAPHITE, 300, 5);
        double[][] y = t.y();
        double sd = Math.sqrt(java.util.Arrays.stream(y).mapToDouble(r -> r[0]).map(v -> v * v).average().orElse(0)
                - Math.pow(java.util.Arrays.stream(y).mapToDouble(r -> r[0]).average().orElse(0), 2));
        SplittableRandom rng = new SplittableRandom(17);
        for (double[] row : y) {
            double chi = 0;
            for (int k = 0; k < 3; k++) {
                double g = rng.nextGaussian();
                chi += g * g;
            }
            row[0] += 0.3 * sd * rng.nextGaussian() / Math.sqrt(chi / 3);
            if (rng.nextDouble() < 0.1) {
                row[0] += (rng.nextBoolean() ? 3 : -3) * sd;
            }
        }
        return new Task("sim-corrupt", s, Dataset.of(t.schema(), t.x(), y, "sim-corrupt-t"));
    }

    private static Dataset electrode(Chemistry c, int rows, long seed) {
        Table table = ElectrodeSimulator.of(c).simulate(rows, seed);
        List<String> params = ElectrodeParameters.names();
        List<Column> features = new ArrayList<>();
        for (String p : params) {
            features.add(Column.numeric(p, ""));
        }
        Schema schema = new Schema(features, List.of(Column.numeric("porosity", "")));
        double[][] x = new double[rows][params.size()];
        double[][] y = new double[rows][1];
        int target = table.indexOf("porosity");
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < params.size(); j++) {
                x[i][j] = table.number(i, table.indexOf(params.get(j)));
            }
            y[i][0] = table.number(i, target);
        }
        return Dataset.of(schema, x, y, c.cliName());
    }

    /** {train of n rows, test of up to TEST_ROWS of the others}, by a seeded shuffle. */
    static Dataset[] draw(Dataset target, int n, long seed) {
        int[] perm = java.util.stream.IntStream.range(0, target.size()).toArray();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        int[] train = java.util.Arrays.copyOfRange(perm, 0, n);
        int[] test = java.util.Arrays.copyOfRange(perm, n, Math.min(perm.length, n + TEST_ROWS));
        return new Dataset[] {target.subset(train), target.subset(test)};
    }

    static double r2(TrainedModel m, Dataset test) {
        double[] measured = new double[test.size()];
        for (int i = 0; i < measured.length; i++) {
            measured[i] = test.y()[i][0];
        }
        return Metrics.of(measured, m.predictEncoded(test.x()).meanOf(0)).r2();
    }
}
