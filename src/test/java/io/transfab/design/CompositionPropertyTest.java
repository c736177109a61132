package io.transfab.design;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.Dataset;
import io.transfab.model.Compositions;
import io.transfab.model.LogRatio;
import io.transfab.model.NormalizationScheme;
import io.transfab.model.Progress;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.linear.RidgeRegressionTrainer;
import io.transfab.testing.CathodeCompositions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The composition invariant of proposed recipes: parts sum to the total and stay within their ranges. */
class CompositionPropertyTest {
    private static final List<String> PARTS = List.of("ni_frac", "mn_frac", "co_frac", "al_frac");

    /** A random space of {@code d} parts (ranges that can reach total {@code t}) and one other parameter. */
    private static ParameterSpace randomSpace(int d, double total, SplittableRandom rng) {
        List<Parameter> ps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double share = total / d;
        for (int k = 0; k < d; k++) {
            double lo = share * rng.nextDouble(0, 0.9);
            double hi = share * (1.1 + rng.nextDouble(0, 3));
            ps.add(Parameter.continuous("p" + k, lo, hi));
            names.add("p" + k);
        }
        ps.add(Parameter.continuous("temp", 700, 900));
        return ParameterSpace.of(ps, List.of(), List.of(new Composition(names, total, "the test")));
    }

    @Property(tries = 400, seed = "20261202")
    void everyPointOfTheCubeMapsOntoTheCompositionWithinRanges(@ForAll @IntRange(min = 2, max = 7) int d,
            @ForAll boolean percent, @ForAll long seed) {
        // Given a random space whose d parts sum to 1 or 100 and a random point of the unit cube
        SplittableRandom rng = new SplittableRandom(seed);
        double total = percent ? 100 : 1;
        ParameterSpace space = randomSpace(d, total, rng);
        double[] u = new double[d + 1];
        for (int j = 0; j < u.length; j++) {
            u[j] = rng.nextDouble();
        }
        // When mapped to the space
        double[] x = space.fromUnit(u);
        // Then the parts sum to the total, each within its range, the other parameter as before, and it is feasible
        double sum = 0;
        for (int k = 0; k < d; k++) {
            Parameter p = space.parameters().get(k);
            assertThat(x[k]).isBetween(p.min(), p.max());
            sum += x[k];
        }
        assertClose(sum, total, 1e-12, 0, "sum of parts");
        assertThat(x[d]).isEqualTo(space.parameters().get(d).fromUnit(u[d]));
        assertThat(space.isFeasible(x)).isTrue();
    }

    @Property(tries = 300, seed = "20261203")
    void theProjectionKeepsPointsOnTheCompositionAndIsNonExpansive(@ForAll @IntRange(min = 2, max = 6) int d,
            @ForAll long seed) {
        // Given a random space and two random points of the cube
        SplittableRandom rng = new SplittableRandom(seed);
        ParameterSpace space = randomSpace(d, 1, rng);
        double[] u = new double[d + 1];
        double[] w = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            u[j] = rng.nextDouble();
            w[j] = Math.min(Math.nextDown(1.0), Math.max(0, u[j] + 0.05 * rng.nextGaussian()));
        }
        // When both are mapped, and the image of the first is mapped again from its own unit coordinates
        double[] x = space.fromUnit(u);
        double[] y = space.fromUnit(w);
        double[] back = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            back[j] = space.parameters().get(j).toUnit(x[j]);
        }
        double[] again = space.fromUnit(back);
        // Then a point already on the composition stays where it is (a projection)
        assertClose(again, x, 1e-9, 1e-12, "projection of a projected point");
        // And the images are no farther apart (unit cube) than the points: a small step stays a small step
        double du = 0;
        for (int j = 0; j <= d; j++) {
            du += (u[j] - w[j]) * (u[j] - w[j]);
        }
        assertThat(space.distance(x, y)).isLessThanOrEqualTo(Math.sqrt(du) + 1e-9);
    }

    /** A ridge model with the detected Ni/Mn/Co/Al composition on a 30-row plate. */
    private static final TrainedModel MODEL = plateModel();

    private static TrainedModel plateModel() {
        Dataset ds = CathodeCompositions.rows(30, 11);
        LogRatio lr = Compositions.resolve(Compositions.Choice.AUTO, ds.schema(), ds.x()).logRatio();
        return Training.fit(ds, NormalizationScheme.STANDARD, null, null, lr, RidgeRegressionTrainer.withDefaults(),
                1, 1, Map.of(), Progress.NONE);
    }

    private static final ParameterSpace PLATE = ParameterSpace.of(List.of(
            Parameter.continuous("ni_frac", 0.3, 0.85), Parameter.continuous("mn_frac", 0.05, 0.45),
            Parameter.continuous("co_frac", 0.05, 0.45), Parameter.continuous("al_frac", 0, 0.07),
            Parameter.continuous("calcination_temp_c", 700, 900)), List.of());

    private static void assertOnComposition(Proposal p) {
        for (int r = 0; r < p.runs(); r++) {
            double[] x = p.point(r);
            double sum = 0;
            for (int k = 0; k < PARTS.size(); k++) {
                Parameter q = PLATE.parameters().get(k);
                assertThat(x[k]).isBetween(q.min(), q.max());
                sum += x[k];
            }
            assertClose(sum, 1, 1e-12, 0, "proposed row " + r);
        }
    }

    @Property(tries = 12, seed = "20261204")
    void optimizeAndItsRefinementStepsKeepTheModelsComposition(@ForAll @IntRange(min = 1, max = 6) int runs,
            @ForAll @IntRange(min = 0, max = 4) int rounds, @ForAll boolean maximize, @ForAll long seed) {
        // Given a model trained with the plate's composition and a space file that does not declare it
        OptimizeOptions o = new OptimizeOptions(Objective.parse((maximize ? "max:" : "min:")
                + CathodeCompositions.TARGET), runs, 256, rounds, seed);
        // When optimizing (Sobol candidates, then perturbation rounds around the best)
        Proposal p = InverseDesigner.optimize(MODEL, PLATE, o, "space.yaml");
        // Then the space of the proposal holds the model's group at 1 and every proposed row sums to 1 within ranges
        assertThat(p.space().compositions()).extracting(Composition::label).containsExactly(String.join("+", PARTS));
        assertThat(p.space().compositions().get(0).total()).isEqualTo(1.0);
        assertOnComposition(p);
    }

    @Property(tries = 12, seed = "20261205")
    void suggestKeepsTheModelsComposition(@ForAll @IntRange(min = 1, max = 6) int runs, @ForAll long seed) {
        // Given the same model, When suggesting the next experiments to maximise capacity
        Proposal p = Suggester.suggest(MODEL, PLATE, new SuggestOptions(SuggestGoal.parse("maximize:"
                + CathodeCompositions.TARGET), runs, 256, seed), "space.yaml");
        // Then every proposed row sums to 1 within ranges
        assertOnComposition(p);
    }
}
