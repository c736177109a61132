package io.transfab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.Column;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.model.linear.RidgeRegressionTrainer;
import io.transfab.testing.Approx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NormalizationSchemeTest {
    private static final Schema SCHEMA = new Schema(List.of(Column.numeric("a", ""), Column.numeric("b", ""),
            Column.categorical("mix", "", List.of("p", "q"))), List.of(Column.numeric("y", "")));
    private static final boolean[] MASK = {true, true, false, false};

    /** Rows of three labs; lab B reads input a 5 units high and at 1.5 times the spread. */
    private static double[][] inputs(int n, long seed, String[] labs) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][4];
        for (int i = 0; i < n; i++) {
            labs[i] = "ABC".substring(i % 3, i % 3 + 1);
            double gain = labs[i].equals("B") ? 1.5 : 1.0;
            double offset = labs[i].equals("B") ? 5.0 : 0.0;
            x[i][0] = offset + gain * rng.nextDouble(10, 20);
            x[i][1] = rng.nextGaussian() * 3 - 7;
            x[i][2 + (i % 2)] = 1.0;
        }
        return x;
    }

    private static double[][] targets(double[][] x) {
        double[][] y = new double[x.length][1];
        for (int i = 0; i < x.length; i++) {
            y[i][0] = 2 * x[i][0] - x[i][1] + x[i][2];
        }
        return y;
    }

    @ParameterizedTest
    @EnumSource(NormalizationScheme.class)
    void applyThenInvertIsTheIdentity(NormalizationScheme scheme) {
        // Given inputs of three labs and a scaling fitted with the scheme
        String[] labs = new String[60];
        double[][] x = inputs(60, 1, labs);
        InputScaling s = InputScaling.fit(scheme, x, MASK, scheme == NormalizationScheme.PER_DOMAIN ? "lab" : null,
                labs);
        // When the rows are scaled and scaled back
        double[][] back = s.invert(s.apply(x, labs), labs);
        // Then they are the original rows, and one-hot columns were never touched
        Approx.assertClose(back, x, 1e-12, 1e-12, scheme + " round trip");
        assertThat(s.apply(x, labs)[0][2] + s.apply(x, labs)[0][3]).isEqualTo(1.0);
    }

    @Test
    void schemesPutTheDataWhereTheyPromise() {
        // Given a column 1..9 and one with an outlier
        double[][] x = new double[9][2];
        for (int i = 0; i < 9; i++) {
            x[i][0] = i + 1;
            x[i][1] = i == 8 ? 1000 : i;
        }
        boolean[] all = {true, true};
        // When min-max and robust scaling are fitted
        double[][] mm = Normalizer.minMax(x, all).apply(x);
        Normalizer robust = Normalizer.robust(x, all);
        // Then min-max spans [-1, 1], and the robust center and scale ignore the outlier
        Approx.assertClose(mm[0][0], -1.0, 0, 1e-12, "min");
        Approx.assertClose(mm[8][0], 1.0, 0, 1e-12, "max");
        Approx.assertClose(robust.center()[1], 4.0, 0, 1e-12, "median");
        Approx.assertClose(robust.scale()[1], 4.0 / 1.3489795003921634, 1e-12, 0, "IQR / 1.349");
    }

    @Test
    void robustFallsBackToTheStandardDeviationWhenTheIqrIsZero() {
        // Given a column where most rows share one value, and a constant one
        double[][] x = new double[10][2];
        x[9][0] = 10.0;
        for (double[] row : x) {
            row[1] = 3.0;
        }
        // When it is scaled robustly
        Normalizer r = Normalizer.robust(x, new boolean[] {true, true});
        // Then the IQR of 0 is replaced by the standard deviation, and the constant column gets scale 1
        Approx.assertClose(r.scale()[0], 3.0, 1e-12, 0, "sd of nine 0 and one 10");
        assertThat(r.scale()[1]).isEqualTo(1.0);
    }

    @Test
    void perDomainNeedsADomainColumn() {
        double[][] x = inputs(9, 2, new String[9]);
        assertThrows(DataException.class,
                () -> InputScaling.fit(NormalizationScheme.PER_DOMAIN, x, MASK, null, null));
    }

    @Test
    void perDomainRemovesALabCalibrationOffset() {
        // Given lab B's input a reads 5 high at 1.5 times the spread
        String[] labs = new String[300];
        double[][] x = inputs(300, 3, labs);
        // When the inputs are standardised per lab
        double[][] z = InputScaling.fit(NormalizationScheme.PER_DOMAIN, x, MASK, "lab", labs).apply(x, labs);
        // Then every lab has mean 0 and sd 1 in that column
        for (String lab : List.of("A", "B", "C")) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int i = 0; i < z.length; i++) {
                if (labs[i].equals(lab)) {
                    sum += z[i][0];
                    sq += z[i][0] * z[i][0];
                    n++;
                }
            }
            Approx.assertClose(sum / n, 0.0, 0, 1e-9, lab + " mean");
            Approx.assertClose(sq / n, 1.0, 1e-9, 0, lab + " variance");
        }
    }

    @Test
    void unseenDomainFallsBackAndIsReported() {
        // Given a per-domain scaling of labs A, B, C
        String[] labs = new String[60];
        double[][] x = inputs(60, 4, labs);
        InputScaling s = InputScaling.fit(NormalizationScheme.PER_DOMAIN, x, MASK, "lab", labs);
        double[][] rows = java.util.Arrays.copyOf(x, 6);
        String[] newLab = {"D", "D", "D", "D", "D", "A"};
        // When rows of an unseen lab D are scaled under each rule
        InputScaling.Applied pooled = s.apply(rows, newLab, UnseenDomainRule.POOLED);
        InputScaling.Applied own = s.apply(rows, newLab, UnseenDomainRule.OWN_ROWS);
        // Then D is flagged; pooled uses the pooled statistics; own-rows needs 5 rows and D has them
        assertThat(pooled.unseen()).containsExactly(true, true, true, true, true, false);
        assertThat(pooled.rules()).containsExactly(Map.entry("D", "pooled"));
        assertThat(own.rules()).containsExactly(Map.entry("D", "own-rows"));
        Approx.assertClose(pooled.z()[0], s.pooled().apply(new double[][] {rows[0]})[0], 0, 1e-15, "pooled row");
        Approx.assertClose(pooled.z()[5], s.normalizer("A").apply(new double[][] {rows[5]})[0], 0, 1e-15, "lab A");
        InputScaling.Applied few = s.apply(java.util.Arrays.copyOf(rows, 2), new String[] {"D", "D"},
                UnseenDomainRule.OWN_ROWS);
        assertThat(few.rules()).containsExactly(Map.entry("D", "pooled"));
    }

    @ParameterizedTest
    @EnumSource(NormalizationScheme.class)
    void savedModelPredictsTheSame(NormalizationScheme scheme, @TempDir Path dir) {
        // Given a ridge model trained with the scheme
        String[] labs = new String[60];
        double[][] x = inputs(60, 5, labs);
        Dataset ds = Dataset.of(SCHEMA, x, targets(x), "t");
        boolean perDomain = scheme == NormalizationScheme.PER_DOMAIN;
        TrainedModel m = Training.fit(ds, scheme, perDomain ? "lab" : null, perDomain ? labs : null,
                RidgeRegressionTrainer.withDefaults(), 1, 1, Map.of(), Progress.NONE);
        // When it is saved and loaded
        TrainedModel loaded = saveAndLoad(m, dir);
        // Then the scheme is kept and predictions are identical (for per-domain: per lab)
        assertThat(loaded.inputScaling().scheme()).isEqualTo(scheme);
        assertThat(loaded.domainColumn()).isEqualTo(perDomain ? "lab" : null);
        String[] l = perDomain ? labs : null;
        Approx.assertClose(loaded.predictEncoded(x, l, UnseenDomainRule.POOLED).prediction().mean(),
                m.predictEncoded(x, l, UnseenDomainRule.POOLED).prediction().mean(), 0, 0, scheme + " after load");
        assertThat(loaded.predictEncoded(x, l, UnseenDomainRule.POOLED).notes()).isEmpty();
    }

    @Test
    void perDomainModelReportsAnUnseenLab(@TempDir Path dir) {
        // Given a per-domain model of labs A, B, C
        String[] labs = new String[60];
        double[][] x = inputs(60, 6, labs);
        TrainedModel m = saveAndLoad(Training.fit(Dataset.of(SCHEMA, x, targets(x), "t"),
                NormalizationScheme.PER_DOMAIN, "lab", labs, RidgeRegressionTrainer.withDefaults(), 1, 1, Map.of(),
                Progress.NONE), dir);
        // When rows of lab Z are predicted
        TrainedModel.DomainPrediction p = m.predictEncoded(java.util.Arrays.copyOf(x, 3), new String[] {"Z", "Z", "A"},
                UnseenDomainRule.POOLED);
        // Then lab Z is flagged and named in a note saying what was used instead
        assertThat(p.unseen()).containsExactly(true, true, false);
        assertThat(p.notes()).singleElement().asString().contains("lab 'Z'").contains("pooled");
    }

    private static TrainedModel saveAndLoad(TrainedModel m, Path dir) {
        try {
            m.save(dir.resolve("m"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return TrainedModel.load(dir.resolve("m"));
    }
}
