package io.transfab.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.CsvReader;
import io.transfab.data.MediaDataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Progress;
import io.transfab.model.nn.HybridComposer;
import io.transfab.model.nn.HybridModel;
import io.transfab.model.nn.HybridOptions;
import io.transfab.model.nn.HybridTrainer;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.testing.Approx;
import io.transfab.testing.HybridFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHAP of hybrid models with the images and the series as one player each. */
class HybridExplainerTest {
    private static final List<String> FEATURES = List.of("x1", "x2", "image", "profile");
    private static final HybridOptions SMALL = new HybridOptions(List.of(6, 8), 8, 16, 16,
            new TrainingOptions(3e-3, 30, 16, 1e-4, 0.0, 0.0, 1));

    @TempDir
    static Path dir;
    static Table table;
    static Schema schema;
    static HybridModel model;

    @BeforeAll
    static void train() {
        // y = 2 f + noise, f the bright share of the 16x16 image: x1, x2 and the profile carry nothing
        table = CsvReader.read(HybridFixtures.imageOnlyTable(dir.resolve("data"), 120, 16, 11));
        schema = Schema.infer(table, FEATURES, List.of("y"), List.of());
        model = HybridTrainer.fit(MediaDataset.of(table, schema), SMALL, 2, 7, Progress.NONE);
    }

    private static ExplainOptions quick(ShapMethod method) {
        return ExplainOptions.defaults().withBackgroundSize(12)
                .withShap(ShapOptions.defaults().withMethod(method));
    }

    private static int player(ShapValues s, String name) {
        return s.players().indexOf(name);
    }

    @Test
    void playersAreTheTabularParametersThenTheImageThenTheSeries() {
        // Given the hybrid schema, when its players are built, then one per tabular column and one per media kind
        Players p = Players.hybrid(schema);
        assertThat(p.names()).containsExactly("x1", "x2", "image", "profile");
        assertThat(p.isMedia(2)).isTrue();
        assertThat(p.isMedia(0)).isFalse();
        assertThat(p.group(2)).containsExactly(2);
        assertThat(p.group(3)).containsExactly(3);
        // And the tabular factory refuses media columns rather than dropping them
        assertThrows(IllegalArgumentException.class, () -> Players.of(schema));
    }

    @Test
    void composedRowsPredictAsATableWithTheSwappedImage() {
        // Given row 0 with the image of row 1 and the series of row 2, written as a table
        Table rows = table.select(new int[] {0, 1, 2});
        List<List<String>> cells = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < rows.names().size(); c++) {
                row.add(rows.cell(r, c));
            }
            cells.add(row);
        }
        cells.get(0).set(rows.indexOf("image"), rows.cell(1, rows.indexOf("image")));
        cells.get(0).set(rows.indexOf("profile"), rows.cell(2, rows.indexOf("profile")));
        Table swapped = Table.of("swapped", rows.names(), java.util.Collections.nCopies(rows.names().size(), ""),
                cells).withFolder(dir.resolve("data"));
        // When the composer predicts the same composition from pool rows
        MediaDataset pool = MediaDataset.of(rows, schema);
        HybridComposer composer = HybridComposer.of(model, List.of(pool), Progress.NONE);
        double[][] composed = composer.predict(new double[][] {pool.tabular().x()[0]}, new int[] {1}, new int[] {2});
        double[][] direct = model.predict(swapped).mean();
        // Then both agree up to float rounding
        Approx.assertClose(composed[0][0], direct[0][0], 1e-5, 1e-5, "composed prediction");
    }

    @Test
    void exactShapIsAdditiveAndMatchesTheModelsPredictions() {
        // Given 30 rows explained with exact enumeration (4 players)
        Table rows = table.select(java.util.stream.IntStream.range(0, 30).toArray());
        Explanation e = HybridExplainer.run(model, rows, null, quick(ShapMethod.EXACT), 3, Progress.NONE);
        ShapValues s = e.shap();
        // Then base value + sum of SHAP values = prediction for every row
        assertThat(s.method()).isEqualTo(ShapMethod.EXACT);
        assertThat(s.maxAdditivityError()).isLessThan(1e-9);
        // And those predictions are the model's own
        double[][] direct = model.predict(rows).mean();
        for (int i = 0; i < s.rowCount(); i++) {
            Approx.assertClose(s.prediction(i, 0), direct[i][0], 1e-5, 1e-5, "prediction of row " + i);
        }
        // And the image, which carries all the signal, is the most important player by a wide margin
        int image = player(s, "image");
        assertThat(e.importance().ranking(0)[0]).isEqualTo(image);
        for (String other : List.of("x1", "x2", "profile")) {
            assertThat(e.importance().mean(0, image)).isGreaterThan(3 * e.importance().mean(0, player(s, other)));
        }
        // And permutation importance (the table has y) agrees
        assertThat(e.permutation()).isPresent();
        assertThat(e.permutation().get().increase(0, image))
                .isGreaterThan(e.permutation().get().increase(0, player(s, "x2")));
    }

    @Test
    void kernelShapWithABackgroundFileIsAdditive(@TempDir Path out) throws Exception {
        // Given a separate background table (other rows, other images) and Kernel SHAP
        Table background = CsvReader.read(HybridFixtures.imageOnlyTable(dir.resolve("bg"), 10, 16, 99));
        Table rows = table.select(new int[] {3, 4, 5, 6, 7, 8});
        Explanation e = HybridExplainer.run(model, rows, background,
                quick(ShapMethod.KERNEL).withShap(new ShapOptions(ShapMethod.KERNEL, 64, 1)), 3, Progress.NONE);
        // Then the values are additive and the base value is the mean prediction over the background file
        assertThat(e.shap().method()).isEqualTo(ShapMethod.KERNEL);
        assertThat(e.shap().maxAdditivityError()).isLessThan(1e-9);
        double base = 0;
        for (double[] p : model.predict(background).mean()) {
            base += p[0] / background.rowCount();
        }
        Approx.assertClose(e.shap().baseValue(0), base, 1e-5, 1e-5, "base value");
        assertThat(e.background().rowCount()).isEqualTo(10);
        // And the output directory is written as for tabular models, with the media players named by column
        ExplainOutput.write(out.resolve("ex"), e, 0, java.util.Map.of("seed", 3));
        Table shap = CsvReader.read(out.resolve("ex/shap.csv"));
        assertThat(shap.names()).contains("x1", "x2", "image", "profile", "base_value", "prediction");
        assertThat(out.resolve("ex/explain.html")).exists();
        assertThat(java.nio.file.Files.readString(out.resolve("ex/explain.json"))).contains("mediaPlayers");
    }
}
