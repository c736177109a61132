package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.model.ModelJson;
import io.transfab.model.TrainedModel;
import io.transfab.testing.Approx;
import io.transfab.testing.CathodeCompositions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train on a composition table -> predict through the command line, with detection, off and a roles file. */
class CompositionCliTest {
    @TempDir
    Path dir;

    private static final String FEATURES = String.join(",", CathodeCompositions.FEATURES);

    private Path table(String name, int rows, long seed) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, CathodeCompositions.csv(CathodeCompositions.rows(rows, seed)));
        return p;
    }

    private static CliTestSupport.Run ok(CliTestSupport.Run r) {
        assertThat(r.status()).as(r.err()).isZero();
        return r;
    }

    private static double[] predictions(Path csv) {
        Table t = CsvReader.read(csv);
        int c = t.indexOf(CathodeCompositions.TARGET + "_pred");
        double[] v = new double[t.rowCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.number(i, c);
        }
        return v;
    }

    @Test
    void detectedCompositionIsStoredAndPredictedTheSameAfterReload() throws Exception {
        // Given a 20-row screening plate (fractions rounded to 0.001) and new rows
        Path train = table("plate.csv", 20, 1);
        Path fresh = table("new.csv", 15, 2);
        Path model = dir.resolve("gp");
        // When training a GP with the default (auto) and predicting the new rows
        CliTestSupport.Run t = ok(CliTestSupport.run("train", "--data", train.toString(), "--features", FEATURES,
                "--targets", CathodeCompositions.TARGET, "--model", "gp", "--seed", "3", "--out", model.toString()));
        Path preds = dir.resolve("p.csv");
        ok(CliTestSupport.run("predict", "--model", model.toString(), "--data", fresh.toString(), "--out",
                preds.toString(), "--quiet"));
        // Then one line names the group, model.json stores it (format 4), and the reloaded model predicts the same
        assertThat(t.err()).contains("composition inputs ni_frac+mn_frac+co_frac+al_frac (sum 1.000, detected): "
                + "log-ratio (ilr) coordinates");
        var json = Json.read(model.resolve("model.json"));
        assertThat(json.path("formatVersion").asInt()).isEqualTo(ModelJson.COMPOSITION_SINCE);
        assertThat(json.at("/inputNormalizer/composition/0/parts").toString())
                .isEqualTo("[\"ni_frac\",\"mn_frac\",\"co_frac\",\"al_frac\"]");
        assertThat(json.at("/inputNormalizer/composition/0/columns").toString()).isEqualTo("[0,1,2,3]");
        TrainedModel loaded = TrainedModel.load(model);
        assertThat(loaded.inputScaling().logRatio()).isNotNull();
        double[] cli = predictions(preds);
        double[] again = java.util.Arrays.stream(loaded.predict(CsvReader.read(fresh)).mean())
                .mapToDouble(r -> r[0]).toArray();
        Approx.assertClose(cli, again, 1e-9, 1e-9, "predict vs reloaded model");

        // And the same rows written as percentages predict the same (a composition has no total)
        String pct = Files.readAllLines(fresh).stream().skip(1).map(l -> {
            String[] f = l.split(",");
            for (int k = 0; k < 4; k++) {
                f[k] = String.valueOf(Double.parseDouble(f[k]) * 100);
            }
            return String.join(",", f);
        }).reduce(Files.readAllLines(fresh).get(0), (a, b) -> a + "\n" + b);
        Path pctCsv = dir.resolve("pct.csv");
        Files.writeString(pctCsv, pct + "\n");
        double[] pctPred = java.util.Arrays.stream(loaded.predict(CsvReader.read(pctCsv)).mean())
                .mapToDouble(r -> r[0]).toArray();
        Approx.assertClose(pctPred, again, 1e-9, 1e-9, "percent vs fractions");
    }

    @Test
    void offKeepsRawFractionsAndTheRolesFileCanDeclareOrSwitchOff() throws Exception {
        // Given the same plate
        Path train = table("plate.csv", 20, 1);
        // When training with --composition off
        Path off = dir.resolve("off");
        CliTestSupport.Run t = ok(CliTestSupport.run("train", "--data", train.toString(), "--features", FEATURES,
                "--targets", CathodeCompositions.TARGET, "--model", "ridge", "--composition", "off", "--out",
                off.toString(), "--quiet"));
        // Then no line, no composition block, format 3 as before
        assertThat(t.err()).doesNotContain("composition inputs");
        var json = Json.read(off.resolve("model.json"));
        assertThat(json.path("formatVersion").asInt()).isEqualTo(TrainedModel.FORMAT_VERSION);
        assertThat(json.path("inputNormalizer").has("composition")).isFalse();

        // When a roles file declares only three of the parts
        Files.writeString(dir.resolve("plate.roles.yaml"), "columns:\n  ni_frac: feature\n  mn_frac: feature\n"
                + "  co_frac: feature\n  al_frac: feature\n  calcination_temp_c: feature\n  capacity_mah_g: target\n"
                + "compositions:\n  - [ni_frac, mn_frac, co_frac]\n");
        Path declared = dir.resolve("declared");
        CliTestSupport.Run d = ok(CliTestSupport.run("train", "--data", train.toString(), "--model", "ridge",
                "--out", declared.toString(), "--quiet"));
        // Then that group is used
        assertThat(d.err()).contains("composition inputs ni_frac+mn_frac+co_frac (sum");
        assertThat(d.err()).contains("declared");

        // When the roles file says off, Then nothing
        Files.writeString(dir.resolve("plate.roles.yaml"), "columns:\n  ni_frac: feature\n  mn_frac: feature\n"
                + "  co_frac: feature\n  al_frac: feature\n  capacity_mah_g: target\ncompositions: off\n");
        CliTestSupport.Run o = ok(CliTestSupport.run("train", "--data", train.toString(), "--model", "ridge",
                "--out", dir.resolve("off2").toString(), "--quiet"));
        assertThat(o.err()).doesNotContain("composition inputs");

        // And a bad declaration is one line, exit 2
        CliTestSupport.Run bad = CliTestSupport.run("train", "--data", train.toString(), "--model", "ridge",
                "--composition", "ni_frac+nope", "--out", dir.resolve("bad").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("'nope' is not a numeric feature");
    }

    @Test
    void finetuneTakesTheBaseModelsCompositionForEveryCandidate() throws Exception {
        // Given a network pre-trained on a composition plate (detected) and a 10-row target plate
        Path source = table("source.csv", 60, 4);
        Path target = table("target.csv", 10, 5);
        Path base = dir.resolve("base");
        ok(CliTestSupport.run("pretrain", "--data", source.toString(), "--features", FEATURES, "--targets",
                CathodeCompositions.TARGET, "--ensemble", "1", "--epochs", "20", "--out", base.toString(), "--quiet"));
        // When fine-tuning with a transfer GP on target statistics (the input scaling is refitted on the target)
        Path ft = dir.resolve("ft");
        CliTestSupport.Run f = ok(CliTestSupport.run("finetune", "--base", base.toString(), "--data",
                target.toString(), "--strategy", "transfer-gp", "--normalize", "target", "--out", ft.toString()));
        // Then the base's group is named, kept in the fine-tuned model, and predictions reload the same
        assertThat(f.err()).contains("composition inputs ni_frac+mn_frac+co_frac+al_frac (sum 1.000, from the base "
                + "model)");
        TrainedModel m = TrainedModel.load(ft);
        assertThat(m.inputScaling().logRatio().groups().get(0).label()).isEqualTo("ni_frac+mn_frac+co_frac+al_frac");
        double[] once = java.util.Arrays.stream(m.predict(CsvReader.read(source)).mean()).mapToDouble(r -> r[0])
                .toArray();
        Path preds = dir.resolve("ft.csv");
        ok(CliTestSupport.run("predict", "--model", ft.toString(), "--data", source.toString(), "--out",
                preds.toString(), "--quiet"));
        Approx.assertClose(predictions(preds), once, 1e-9, 1e-9, "fine-tuned model reloaded");
        // And a different --composition is refused: the target must enter the base network as the source did
        CliTestSupport.Run bad = CliTestSupport.run("finetune", "--base", base.toString(), "--data", target.toString(),
                "--strategy", "l2sp", "--composition", "off", "--out", dir.resolve("ft2").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("finetune takes the composition inputs of the base model");
    }

    private static final String SPACE = "parameters:\n"
            + "  - {name: ni_frac, type: continuous, min: 0.3, max: 0.85}\n"
            + "  - {name: mn_frac, type: continuous, min: 0.05, max: 0.45}\n"
            + "  - {name: co_frac, type: continuous, min: 0.05, max: 0.45}\n"
            + "  - {name: al_frac, type: continuous, min: 0.0, max: 0.07}\n"
            + "  - {name: calcination_temp_c, type: continuous, min: 700, max: 900}\n";

    /** Each row's Ni+Mn+Co+Al of a written CSV, after checking every part lies in the space's range. */
    private static double[] sums(Path csv) {
        Table t = CsvReader.read(csv);
        double[][] range = {{0.3, 0.85}, {0.05, 0.45}, {0.05, 0.45}, {0, 0.07}};
        double[] s = new double[t.rowCount()];
        for (int i = 0; i < s.length; i++) {
            for (int k = 0; k < 4; k++) {
                double v = t.number(i, t.indexOf(CathodeCompositions.FEATURES.get(k)));
                assertThat(v).as("row %d %s", i, CathodeCompositions.FEATURES.get(k)).isBetween(range[k][0],
                        range[k][1]);
                s[i] += v;
            }
        }
        return s;
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1);
        return v;
    }

    @Test
    void suggestOptimizeAndDesignProposeRecipesThatSumToTheWhole() throws Exception {
        // Given a GP trained on a 30-row plate (composition detected) and a space file that only gives ranges
        Path train = table("plate.csv", 30, 7);
        Path model = dir.resolve("gp");
        ok(CliTestSupport.run("train", "--data", train.toString(), "--features", FEATURES, "--targets",
                CathodeCompositions.TARGET, "--model", "gp", "--out", model.toString(), "--quiet"));
        Path space = dir.resolve("space.yaml");
        Files.writeString(space, SPACE);
        String held = "composition ni_frac+mn_frac+co_frac+al_frac held at sum 1 in every proposed row, each part "
                + "within its range (from the model)";
        // When suggesting 5 recipes and optimizing (Sobol candidates and refinement rounds) for 6
        Path sug = dir.resolve("suggest.csv");
        CliTestSupport.Run s = ok(CliTestSupport.run("suggest", "--model", model.toString(), "--space",
                space.toString(), "--n", "5", "--goal", "maximize:" + CathodeCompositions.TARGET, "--seed", "2",
                "--out", sug.toString()));
        Path opt = dir.resolve("optimize.csv");
        CliTestSupport.Run o = ok(CliTestSupport.run("optimize", "--model", model.toString(), "--space",
                space.toString(), "--n", "6", "--goal", "target:" + CathodeCompositions.TARGET + "=165", "--seed", "2",
                "--out", opt.toString()));
        // Then every proposed row sums to 1 as printed, each part within its range, and the outputs say so
        Approx.assertClose(sums(sug), ones(5), 1e-9, 0, "suggested sums");
        Approx.assertClose(sums(opt), ones(6), 1e-9, 0, "optimized sums");
        assertThat(s.out() + s.err()).contains(held);
        assertThat(o.out() + o.err()).contains(held);

        // When a space file declares the group in percent and design plans 8 runs by LHS without a model
        Path pct = dir.resolve("pct.yaml");
        Files.writeString(pct, SPACE.replace("0.3, max: 0.85", "30, max: 85").replace("0.05, max: 0.45", "5, max: 45")
                .replace("0.0, max: 0.07", "0, max: 7") + "compositions:\n  - {parts: [ni_frac, mn_frac, co_frac, "
                + "al_frac], total: 100}\n");
        Path plan = dir.resolve("plan.csv");
        CliTestSupport.Run d = ok(CliTestSupport.run("design", "--method", "lhs", "--space", pct.toString(), "--n",
                "8", "--seed", "1", "--out", plan.toString()));
        // Then every run sums to 100, and the summary names the group
        Table t = CsvReader.read(plan);
        for (int i = 0; i < t.rowCount(); i++) {
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                sum += t.number(i, t.indexOf(CathodeCompositions.FEATURES.get(k)));
            }
            Approx.assertClose(sum, 100, 1e-9, 0, "design run " + i);
        }
        assertThat(d.out() + d.err()).contains("composition ni_frac+mn_frac+co_frac+al_frac held at sum 100");
        // And a factorial, which sets each part on its own levels, is refused in one line (exit 2)
        CliTestSupport.Run f = CliTestSupport.run("design", "--method", "factorial", "--space", pct.toString(), "--n",
                "8", "--out", dir.resolve("f.csv").toString());
        assertThat(f.status()).isEqualTo(2);
        assertThat(f.err()).contains("breaks composition ni_frac+mn_frac+co_frac+al_frac");
        // And ranges that cannot reach the total are refused naming the file
        Files.writeString(pct, SPACE + "compositions:\n  - {parts: [ni_frac, mn_frac, co_frac, al_frac], total: "
                + "100}\n");
        CliTestSupport.Run r = CliTestSupport.run("design", "--method", "lhs", "--space", pct.toString(), "--n",
                "8", "--out", dir.resolve("r.csv").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(pct.toString()).contains("cannot sum to 100");
    }

    @Test
    void assessGivesEveryMethodTheDetectedCompositionAndSaysWhich() throws Exception {
        // Given a 24-row plate without a source
        Path target = table("plate.csv", 24, 9);
        Path out = dir.resolve("assess");
        // When assessing ridge and gp with the default (auto)
        CliTestSupport.Run a = ok(CliTestSupport.run("assess", "--target", target.toString(), "--features", FEATURES,
                "--targets", CathodeCompositions.TARGET, "--methods", "ridge,gp", "--sizes", "10", "--repeats", "2",
                "--folds", "3", "--jobs", "1", "--out", out.toString()));
        // Then the group is named on stderr, in metrics.json and in the report, and the recommended model uses it
        assertThat(a.err()).contains("composition inputs ni_frac+mn_frac+co_frac+al_frac (sum 1.000, detected)");
        var json = Json.read(out.resolve("metrics.json"));
        assertThat(json.at("/composition/option").asText()).isEqualTo("auto");
        assertThat(json.at("/composition/groups/0/parts").toString())
                .isEqualTo("[\"ni_frac\",\"mn_frac\",\"co_frac\",\"al_frac\"]");
        assertThat(Files.readString(out.resolve("report.html"))).contains("ni_frac+mn_frac+co_frac+al_frac");
        assertThat(TrainedModel.load(out.resolve("recommended")).inputScaling().logRatio().groups().get(0).label())
                .isEqualTo("ni_frac+mn_frac+co_frac+al_frac");

        // When the same assessment is run with --composition off
        Path off = dir.resolve("off");
        CliTestSupport.Run b = ok(CliTestSupport.run("assess", "--target", target.toString(), "--features", FEATURES,
                "--targets", CathodeCompositions.TARGET, "--methods", "ridge,gp", "--sizes", "10", "--repeats", "2",
                "--folds", "3", "--jobs", "1", "--composition", "off", "--out", off.toString()));
        // Then no group, and the methods read the raw fractions (other scores than with ilr coordinates)
        assertThat(b.err()).doesNotContain("composition inputs");
        var offJson = Json.read(off.resolve("metrics.json"));
        assertThat(offJson.at("/composition/groups").size()).isZero();
        assertThat(TrainedModel.load(off.resolve("recommended")).inputScaling().logRatio()).isNull();
        assertThat(offJson.at("/resampling").toString()).isNotEqualTo(json.at("/resampling").toString());
    }
}
