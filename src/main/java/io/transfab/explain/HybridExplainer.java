package io.transfab.explain;

import io.transfab.data.ColumnType;
import io.transfab.data.MediaDataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.model.nn.HybridComposer;
import io.transfab.model.nn.HybridModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Explains a hybrid model (image and series columns besides tabular parameters) with the same
 * interventional Shapley values, importances and dependence plots as {@link Explainer}. The
 * tabular parameters are one player each; all images are one player and all series another
 * ({@link Players#hybrid}). A row is encoded as its tabular inputs followed by, per media player,
 * the index of the pool row whose images (series) it uses: the explained rows point at themselves,
 * background rows at their own. A coalition that leaves the image player out copies the
 * background row's index, so the row is predicted with the background row's image: exactly the
 * interventional value v(S) = mean_b f(x_S, b_notS) with the image as one value. The model sees
 * such rows through {@link HybridComposer}, which encodes every pool image once.
 */
public final class HybridExplainer {
    private HybridExplainer() {
    }

    /**
     * @param backgroundTable reference rows (their images and series included), or null for a seeded
     *                        sample of {@code data}
     */
    public static Explanation run(HybridModel model, Table data, Table backgroundTable, ExplainOptions options,
            long seed, Progress progress) {
        Schema schema = model.schema();
        String permNote = Explainer.permutationNote(data, schema);
        MediaDataset rows = permNote.isEmpty() ? MediaDataset.of(data, schema)
                : MediaDataset.featuresOnly(data, schema);
        double[][] y = permNote.isEmpty() ? rows.tabular().y() : null;
        Players players = Players.hybrid(schema);
        double[][] x = withRefs(rows.tabular().x(), players.width(), 0);
        List<MediaDataset> pool = new ArrayList<>(List.of(rows));
        Background background;
        if (backgroundTable != null) {
            MediaDataset bg = MediaDataset.featuresOnly(backgroundTable, schema);
            pool.add(bg);
            background = Background.of(withRefs(bg.tabular().x(), players.width(), rows.size()),
                    "file " + backgroundTable.source() + " (all " + bg.size() + " rows)");
        } else {
            int size = options.backgroundSizeFor(x.length, players.count());
            background = Background.sample(x, size, Seeds.derive(seed, "background"), "rows of " + data.source());
        }
        HybridComposer composer = HybridComposer.of(model, pool, progress);
        return Explainer.run(predictor(composer, schema), schema, players, x, y, permNote, background, options, seed,
                progress);
    }

    /**
     * The composed model on encoded rows: columns 0..w-1 the tabular inputs, then the pool row of the
     * images (when the schema has image columns) and of the series (when it has series columns).
     */
    static EncodedPredictor predictor(HybridComposer composer, Schema schema) {
        int w = schema.encodedWidth();
        boolean images = !schema.featuresOf(ColumnType.IMAGE).isEmpty();
        boolean series = !schema.featuresOf(ColumnType.SERIES).isEmpty();
        int imageCol = images ? w : -1;
        int seriesCol = series ? w + (images ? 1 : 0) : -1;
        return encoded -> {
            double[][] tab = new double[encoded.length][];
            for (int i = 0; i < encoded.length; i++) {
                tab[i] = Arrays.copyOf(encoded[i], w);
            }
            return composer.predict(tab, refs(encoded, imageCol), refs(encoded, seriesCol));
        };
    }

    private static int[] refs(double[][] encoded, int column) {
        if (column < 0) {
            return null;
        }
        int[] r = new int[encoded.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (int) encoded[i][column];
        }
        return r;
    }

    /** {@code x} widened to {@code width} columns; each added column holds the row's pool index. */
    static double[][] withRefs(double[][] x, int width, int offset) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = Arrays.copyOf(x[i], width);
            Arrays.fill(out[i], x[i].length, width, offset + i);
        }
        return out;
    }
}
