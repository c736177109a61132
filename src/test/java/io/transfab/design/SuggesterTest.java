package io.transfab.design;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.Column;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.model.Progress;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.linear.RidgeRegressionTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SuggesterTest {
    /** a, b continuous in [0, 1], c on the grid 0, 0.25, ..., 1; a + b <= 1.5. */
    static final ParameterSpace SPACE = ParameterSpace.of(List.of(Parameter.continuous("a", 0, 1),
            Parameter.continuous("b", 0, 1), Parameter.stepped("c", 0, 1, 0.25)),
            List.of(LinearConstraint.parse("a + b <= 1.5")));

    /** A smooth function with its maximum 0.5 at (0.3, 0.7, 1) (feasible). */
    static double bump(double[] x) {
        return -(x[0] - 0.3) * (x[0] - 0.3) - (x[1] - 0.7) * (x[1] - 0.7) + 0.5 * x[2];
    }

    static double linear(double[] x) {
        return 2 * x[0] + 3 * x[1] - x[2];
    }

    static TrainedModel gp;
    static TrainedModel ridge;

    @BeforeAll
    static void train() {
        gp = fit(GaussianProcessTrainer.withDefaults(), List.of(SuggesterTest::bump), 30, 1);
        ridge = fit(RidgeRegressionTrainer.withDefaults(), List.of(SuggesterTest::linear, SuggesterTest::bump), 30, 2);
    }

    static TrainedModel fit(io.transfab.model.RegressorTrainer trainer, List<ToDoubleFunction<double[]>> fs, int n,
            long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        double[][] y = new double[n][fs.size()];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            for (int k = 0; k < fs.size(); k++) {
                y[i][k] = fs.get(k).applyAsDouble(x[i]);
            }
        }
        List<Column> targets = new ArrayList<>();
        for (int k = 0; k < fs.size(); k++) {
            targets.add(Column.numeric("y" + (k + 1), ""));
        }
        Schema schema = new Schema(List.of(Column.numeric("a", ""), Column.numeric("b", ""), Column.numeric("c", "")),
                targets);
        return Training.fit(Dataset.of(schema, x, y, "synthetic"), trainer, 1, seed, Map.of(), Progress.NONE);
    }

    static void assertInsideSpace(ParameterSpace space, Proposal p) {
        for (int i = 0; i < p.runs(); i++) {
            double[] x = p.point(i);
            assertThat(space.isFeasible(x)).as("run %d feasible", i).isTrue();
            for (int j = 0; j < x.length; j++) {
                Parameter par = space.parameters().get(j);
                assertThat(x[j]).as("run %d %s", i, par.name()).isBetween(par.min(), par.max());
                assertThat(par.snap(x[j])).as("run %d %s on its grid", i, par.name()).isEqualTo(x[j]);
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    @Test
    void exploreMaxStdProposesFeasibleDiversePointsOfLargeUncertainty() {
        // Given a GP of a smooth function, When 8 exploration points are suggested by the max-std rule
        Proposal p = Suggester.suggest(gp, SPACE, SuggestOptions.of(SuggestGoal.exploreMaxStd(), 8, 5), "space");
        // Then they respect bounds, grid and constraint, are at least 0.1*sqrt(3) apart, and have finite stds
        assertThat(p.runs()).isEqualTo(8);
        assertInsideSpace(SPACE, p);
        assertThat(p.minPairwiseDistance()).isGreaterThanOrEqualTo(0.1 * Math.sqrt(3) - 1e-12);
        for (int i = 0; i < p.runs(); i++) {
            assertThat(p.std(i, 0)).isPositive();
            assertClose(p.score(i), p.std(i, 0) / gp.outputNormalizer().scale()[0], 1e-12, 0, "acquisition = sigma/s");
        }
        // and the first is the most uncertain feasible candidate
        for (int i = 1; i < p.runs(); i++) {
            assertThat(p.score(0)).isGreaterThanOrEqualTo(p.score(i));
        }
    }

    @Test
    void exploreByIntegratedVarianceProposesAFeasibleBatchOfDistinctPoints() {
        // Given a GP of a smooth function, When 8 exploration points are suggested (integrated variance)
        Proposal p = Suggester.suggest(gp, SPACE, SuggestOptions.of(SuggestGoal.explore(), 8, 5), "space");
        // Then they respect bounds, grid and constraint, no two coincide, and each lowered the variance
        assertThat(p.runs()).isEqualTo(8);
        assertInsideSpace(SPACE, p);
        assertThat(p.minPairwiseDistance()).isGreaterThan(0.05);
        for (int i = 0; i < p.runs(); i++) {
            assertThat(p.score(i)).as("variance reduction of run %d", i).isPositive();
            for (int j = 0; j < i; j++) {
                assertThat(Arrays.equals(p.point(i), p.point(j))).as("runs %d and %d", i, j).isFalse();
            }
        }
        // and the batch differs from the max-std batch of the same candidates
        Proposal m = Suggester.suggest(gp, SPACE, SuggestOptions.of(SuggestGoal.exploreMaxStd(), 8, 5), "space");
        assertThat(Arrays.equals(p.point(0), m.point(0))).isFalse();
    }

    @Test
    void maximizeFindsPointsBetterThanTheMedianRandomPoint() {
        // Given a GP of the bump and the true values of 500 random feasible points
        SplittableRandom rng = new SplittableRandom(9);
        List<Double> random = new ArrayList<>();
        while (random.size() < 500) {
            double[] x = SPACE.fromUnit(new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()});
            if (SPACE.isFeasible(x)) {
                random.add(bump(x));
            }
        }
        double med = median(random.stream().mapToDouble(Double::doubleValue).toArray());
        // When 5 points are suggested for maximize:y1
        Proposal p = Suggester.suggest(gp, SPACE, SuggestOptions.of(SuggestGoal.maximize("y1"), 5, 3), "space");
        // Then every one is truly better than the median random point, and the best is near the optimum 0.5
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.runs(); i++) {
            assertThat(bump(p.point(i))).as("run %d", i).isGreaterThan(med);
            best = Math.max(best, bump(p.point(i)));
        }
        assertThat(best).isGreaterThan(0.45);
        assertInsideSpace(SPACE, p);
    }

    /** The ridge model as saved before ridge had a predictive std: NaN std, no calibration. */
    static TrainedModel withoutStd(TrainedModel m) {
        io.transfab.model.linear.RidgeRegression r = (io.transfab.model.linear.RidgeRegression) m.regressor();
        List<io.transfab.model.linear.RidgeSolution> s = new java.util.ArrayList<>();
        for (int t = 0; t < r.outputCount(); t++) {
            s.add(r.solution(t));
        }
        return TrainedModel.of(m.schema(), m.inputScaling(), m.outputNormalizer(),
                io.transfab.model.linear.RidgeRegression.of(s), m.method(), m.details(), m.provenance(),
                m.domainColumn());
    }

    @Test
    void minimizeWithoutStdUsesTheMeanAndFindsTheLowCorner() {
        // Given ridge without std of 2a + 3b - c, When minimize:y1 suggests 3 points
        Proposal p = Suggester.suggest(withoutStd(ridge), SPACE, SuggestOptions.of(SuggestGoal.minimize("y1"), 3, 4), "space");
        // Then the acquisition is -mu, the std column is missing, and the best point is near a = b = 0, c = 1
        for (int i = 0; i < p.runs(); i++) {
            assertClose(p.score(i), -p.mean(i, 0), 1e-12, 0, "acquisition = -mu");
            assertThat(p.std(i, 0)).isNaN();
        }
        assertThat(linear(p.point(0))).isLessThan(-0.6);
    }

    @Test
    void targetFindsPointsPredictedAtTheValue() {
        // Given ridge of 2a + 3b - c, When 6 points are suggested for target:y1=2.5
        Proposal p = Suggester.suggest(ridge, SPACE, SuggestOptions.of(SuggestGoal.target("y1", 2.5), 6, 8), "space");
        // Then each prediction is within 0.02 of 2.5 and the points are diverse and feasible
        for (int i = 0; i < p.runs(); i++) {
            assertClose(p.mean(i, 0), 2.5, 0, 0.02, "prediction of run " + i);
            assertClose(linear(p.point(i)), 2.5, 0, 0.05, "true value of run " + i);
        }
        assertInsideSpace(SPACE, p);
        assertThat(p.minPairwiseDistance()).isGreaterThanOrEqualTo(0.1 * Math.sqrt(3) - 1e-12);
    }

    @Test
    void targetWithStdPenalisesUncertainty() {
        // Given a GP, When target:y1=0.3 is suggested, Then acquisition = -((mu - v)^2 + sigma^2)
        Proposal p = Suggester.suggest(gp, SPACE, SuggestOptions.of(SuggestGoal.target("y1", 0.3), 4, 8), "space");
        for (int i = 0; i < p.runs(); i++) {
            double dev = p.mean(i, 0) - 0.3;
            assertClose(p.score(i), -(dev * dev + p.std(i, 0) * p.std(i, 0)), 1e-12, 1e-15, "acquisition");
            assertClose(p.mean(i, 0), 0.3, 0, 0.05, "prediction of run " + i);
        }
    }

    @Test
    void theSameSeedGivesTheSameProposal() {
        // Given two calls with the same options, Then the points are bit-identical; another seed differs
        SuggestOptions o = SuggestOptions.of(SuggestGoal.maximize("y1"), 4, 11);
        Proposal a = Suggester.suggest(gp, SPACE, o, "space");
        Proposal b = Suggester.suggest(gp, SPACE, o, "space");
        Proposal c = Suggester.suggest(gp, SPACE, SuggestOptions.of(SuggestGoal.maximize("y1"), 4, 12), "space");
        for (int i = 0; i < a.runs(); i++) {
            assertArrayEquals(a.point(i), b.point(i));
        }
        assertThat(Arrays.equals(a.point(0), c.point(0))).isFalse();
    }

    @Test
    void exploreNeedsAModelWithStd() {
        // Given ridge without std, When explore is asked, Then a clear error
        DataException e = assertThrows(DataException.class,
                () -> Suggester.suggest(withoutStd(ridge), SPACE, SuggestOptions.of(SuggestGoal.explore(), 3, 1), "space"));
        assertThat(e.getMessage()).contains("standard deviation").contains("ensemble");
    }

    @Test
    void unknownTargetAndMissingParameterAreDataErrors() {
        // Given an unknown target column, Then the error lists the model's targets
        DataException t = assertThrows(DataException.class,
                () -> Suggester.suggest(ridge, SPACE, SuggestOptions.of(SuggestGoal.maximize("zz"), 3, 1), "space"));
        assertThat(t.getMessage()).contains("'zz'").contains("y1, y2");
        // Given a space without the model's feature c, Then the error names c and the file
        ParameterSpace noC = ParameterSpace.of(List.of(Parameter.continuous("a", 0, 1),
                Parameter.continuous("b", 0, 1)), List.of());
        DataException m = assertThrows(DataException.class,
                () -> Suggester.suggest(ridge, noC, SuggestOptions.of(SuggestGoal.maximize("y1"), 3, 1), "my.yaml"));
        assertThat(m.getMessage()).contains("my.yaml").contains("'c'");
        // Given c as categorical while the model has it numeric, Then a clear error too
        ParameterSpace catC = ParameterSpace.of(List.of(Parameter.continuous("a", 0, 1),
                Parameter.continuous("b", 0, 1), Parameter.categorical("c", List.of("x", "y"))), List.of());
        assertThrows(DataException.class,
                () -> Suggester.suggest(ridge, catC, SuggestOptions.of(SuggestGoal.maximize("y1"), 3, 1), "my.yaml"));
    }

    @Test
    void goalsParseAndBadGoalsAreRejected() {
        assertThat(SuggestGoal.parse("explore")).isEqualTo(SuggestGoal.explore());
        assertThat(SuggestGoal.parse("explore").rule()).isEqualTo(SuggestGoal.ExploreRule.INTEGRATED_VARIANCE);
        assertThat(SuggestGoal.parse("explore:max-std")).isEqualTo(SuggestGoal.exploreMaxStd());
        assertThat(SuggestGoal.maximize("y1").rule()).isEqualTo(SuggestGoal.ExploreRule.INTEGRATED_VARIANCE);
        assertThrows(DataException.class, () -> SuggestGoal.parse("explore:y1"));
        assertThat(SuggestGoal.parse("maximize:y1")).isEqualTo(SuggestGoal.maximize("y1"));
        assertThat(SuggestGoal.parse(" minimize: y2 ")).isEqualTo(SuggestGoal.minimize("y2"));
        SuggestGoal t = SuggestGoal.parse("target:y1=1.5");
        assertThat(t.kind()).isEqualTo(SuggestGoal.Kind.TARGET);
        assertClose(t.value(), 1.5, 0, 0, "target value");
        assertThrows(DataException.class, () -> SuggestGoal.parse("best:y1"));
        assertThrows(DataException.class, () -> SuggestGoal.parse("maximize:"));
        assertThrows(DataException.class, () -> SuggestGoal.parse("target:y1"));
        assertThrows(DataException.class, () -> SuggestGoal.parse("target:y1=abc"));
        assertThrows(DataException.class, () -> SuggestGoal.parse("target:y1=NaN"));
        assertThrows(DataException.class, () -> new SuggestOptions(SuggestGoal.explore(), 0, 4096, 1));
    }

    @Test
    void expectedImprovementMatchesItsClosedForm() {
        // EI(0, 1) = phi(0) = 1/sqrt(2 pi); EI(I, 0) = max(I, 0); EI(1, 1) = Phi(1) + phi(1)
        assertClose(Suggester.expectedImprovement(0, 1), 1 / Math.sqrt(2 * Math.PI), 1e-14, 0, "EI(0,1)");
        assertClose(Suggester.expectedImprovement(-0.5, 0), 0, 0, 0, "EI(-0.5,0)");
        assertClose(Suggester.expectedImprovement(0.5, 0), 0.5, 0, 0, "EI(0.5,0)");
        // Phi(1) = 0.8413447460685429, phi(1) = 0.24197072451914337 (scipy.stats.norm)
        assertClose(Suggester.expectedImprovement(1, 1), 0.8413447460685429 + 0.24197072451914337, 1e-13, 0,
                "EI(1,1)");
    }

    @Test
    void numbersAreWrittenReadablyAndParseBack() {
        assertThat(Proposal.number(0.000335327123)).isEqualTo("0.000335327");
        assertThat(Proposal.number(3.24108e-47)).isEqualTo("3.24108E-47");
        assertThat(Proposal.number(2.5)).isEqualTo("2.5");
        assertThat(Proposal.number(0)).isEqualTo("0");
        assertThat(Proposal.number(Double.NaN)).isEmpty();
        assertClose(Double.parseDouble(Proposal.number(-1.23456789e-20)), -1.23457e-20, 1e-12, 0, "round trip");
    }
}
