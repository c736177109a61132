package io.transfab.explain;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.Column;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Progress;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.boost.BoostOptions;
import io.transfab.model.boost.BoostedTrees;
import io.transfab.model.boost.BoostedTreesTrainer;
import io.transfab.model.linear.RidgeRegressionTrainer;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeParameters;
import io.transfab.simulate.ElectrodeSimulator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelExplanationTest {

    /**
     * Path-dependent TreeSHAP (XGBoost's own) and interventional SHAP answer different questions in
     * general: TreeSHAP replaces a missing feature by following the training cover of the tree, our
     * values by averaging over background rows. For depth-1 trees (stumps) every tree depends on one
     * feature, so the model is additive, f = sum_j f_j(x_j); then both reduce to
     * phi_j = f_j(x_j) - E[f_j], where TreeSHAP's expectation is over the training cover (the
     * training rows, as the squared-error hessian is 1 per row and there is no subsampling) and
     * ours over the background. With the full training set as background they must agree up to
     * XGBoost's float32 arithmetic, whatever the features' dependence.
     */
    @Test
    void matchesXgboostTreeShapOnStumpsWithTheTrainingSetAsBackground() {
        // Given an additive target of three independent features and boosted stumps on all 300 rows
        SplittableRandom rng = new SplittableRandom(3);
        int n = 300;
        double[][] x = new double[n][3];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextDouble(0, 10);
            }
            y[i][0] = Math.sin(x[i][0]) + 0.3 * x[i][1] + (x[i][2] > 5 ? 2 : 0) + 0.1 * rng.nextGaussian();
        }
        Schema schema = new Schema(List.of(Column.numeric("a", ""), Column.numeric("b", ""), Column.numeric("c", "")),
                List.of(Column.numeric("y", "")));
        BoostOptions stumps = new BoostOptions(150, 1, 0.1, 1.0, 1.0, 1.0, 1.0);
        TrainedModel model = Training.fit(Dataset.of(schema, x, y, "additive"), BoostedTreesTrainer.of(stumps), 1, 1L,
                Map.of(), Progress.NONE);
        double[][] explained = Arrays.copyOf(x, 25);

        // When computing exact interventional values and XGBoost's contributions
        ShapValues ours = ShapExplainer.of(EncodedPredictor.of(model), Players.of(schema), schema.targetNames(),
                Background.of(x, "training set")).explain(explained, ShapOptions.defaults(), 1L, Progress.NONE);
        double[][] contrib = ((BoostedTrees) model.regressor()).contributions(model.inputNormalizer().apply(explained), 0);
        double scale = model.outputNormalizer().scale()[0];

        // Then they agree (XGBoost's are in standardised target units and float32)
        for (int i = 0; i < explained.length; i++) {
            for (int j = 0; j < 3; j++) {
                assertClose(ours.value(i, 0, j), contrib[i][j] * scale, 1e-4, 1e-4, "row " + i + " feature " + j);
            }
        }
    }

    @Test
    void simulatedElectrodePhysicsShowsInTheRanking() {
        // Given a ridge model of simulated NMC cathodes (mass loading and porosity from 7 process parameters)
        Table table = ElectrodeSimulator.of(Chemistry.NMC).simulate(300, 5L);
        Schema schema = Schema.infer(table, ElectrodeParameters.names(), List.of("mass_loading_mg_cm2", "porosity"),
                List.of());
        Dataset data = Dataset.of(table, schema);
        TrainedModel model = Training.fit(data, RidgeRegressionTrainer.withDefaults(), 1, 1L, Map.of(), Progress.NONE);

        // When explaining 100 rows
        Table rows = table.select(java.util.stream.IntStream.range(0, 100).toArray());
        Explanation e = Explainer.run(model, rows, null, ExplainOptions.defaults(), 9L, Progress.NONE);

        // Then comma gap and solid content lead for mass loading, calender line load for porosity
        List<String> p = e.shap().players();
        int[] loading = e.importance().ranking(0);
        int gap = p.indexOf("comma_gap_um");
        int solids = p.indexOf("solid_content_wt_pct");
        assertThat(loading[0]).isEqualTo(gap);
        assertThat(e.importance().mean(0, gap)).isGreaterThan(3 * e.importance().mean(0, loading[1]));
        // solid content is among the top four (within the simulator's 60-75 wt% range its effect is
        // comparable to active-material share and coating speed) and raises the loading, as physics says
        assertThat(Arrays.stream(loading).limit(4).boxed().toList()).contains(solids);
        assertThat(correlation(e.shap().values(0), e.x(), solids)).isGreaterThan(0.9);
        assertThat(correlation(e.shap().values(0), e.x(), gap)).isGreaterThan(0.9);
        int load = p.indexOf("calender_line_load_n_mm");
        assertThat(e.importance().ranking(1)[0]).isEqualTo(load);
        assertThat(correlation(e.shap().values(1), e.x(), load)).isLessThan(-0.9);
        // and permutation importance (the table has the targets) agrees on the leaders
        PermutationImportance pi = e.permutation().orElseThrow();
        assertThat(pi.increase(1, p.indexOf("calender_line_load_n_mm")))
                .isGreaterThan(pi.increase(1, p.indexOf("drying_temp_c")));
        assertThat(e.shap().maxAdditivityError()).isLessThan(1e-9);
    }

    /** Pearson correlation of a parameter's Shapley values with its values (numeric parameters: column j). */
    private static double correlation(double[][] phi, double[][] x, int j) {
        int n = phi.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += phi[i][j] / n;
            mb += x[i][j] / n;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (phi[i][j] - ma) * (x[i][j] - mb);
            saa += (phi[i][j] - ma) * (phi[i][j] - ma);
            sbb += (x[i][j] - mb) * (x[i][j] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
