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
}
