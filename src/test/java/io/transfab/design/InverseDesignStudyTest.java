package io.transfab.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.DataException;
import io.transfab.model.Progress;
import io.transfab.simulate.Chemistry;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InverseDesignStudyTest {
    private static InverseDesignResult result;

    @BeforeAll
    static void runSmallStudy() {
        // Given the NMC window, a GP on 12 LHS runs, 3 proposals for two requested densities, 3 seeds
        SimulatorLab lab = SimulatorLab.of(Chemistry.NMC, 1.0, SimulatorLab.space(Chemistry.NMC), "nmc");
        InverseDesignOptions o = new InverseDesignOptions("density_g_cm3", List.of(), 12, 3, 3, Double.NaN, 9);
        // When the study runs with default requests and tolerance
        result = InverseDesignStudy.run(lab, o, Progress.NONE);
    }

    @Test
    void defaultRequestsAreIncreasingQuantilesAndToleranceIsTwiceTheReplicateSd() {
        assertThat(result.targets()).hasSize(5).isSorted();
        assertThat(result.replicateSd()).isGreaterThan(0);
        io.transfab.testing.Approx.assertClose(result.tolerance(), 2 * result.replicateSd(), 1e-12, 0, "tolerance");
    }

    @Test
    void everyMethodRunsItsBudgetAndHitRatesAreShares() {
        for (SearchMethod m : SearchMethod.values()) {
            int runs = m == SearchMethod.RANDOM_EXPERIMENTS ? 15 : 3;
            for (int t = 0; t < 5; t++) {
                assertThat(result.outcome(m, t, 0).runs()).isEqualTo(runs);
                assertThat(result.hitRate(m, t)).isBetween(0.0, 1.0);
                assertThat(result.successRate(m, t)).isBetween(0.0, 1.0);
            }
        }
        assertThat(result.modelEvaluations()).isGreaterThan(1000);
    }

    @Test
    void optimizeHitsMoreOftenThanRandomExperimentsAndComesCloser() {
        // Then optimize's proposals hit more often per run than random experiments (whose hit rate is the share
        // of the space within the tolerance) and deviate less from the request
        assertThat(result.overallHitRate(SearchMethod.OPTIMIZE))
                .isGreaterThan(result.overallHitRate(SearchMethod.RANDOM_EXPERIMENTS) + 0.1);
        for (int t = 0; t < 5; t++) {
            assertThat(result.meanAbsDeviation(SearchMethod.OPTIMIZE, t))
                    .isLessThan(result.meanAbsDeviation(SearchMethod.RANDOM_EXPERIMENTS, t));
        }
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(DataException.class,
                () -> new InverseDesignOptions("density_g_cm3", List.of(), 12, 0, 3, Double.NaN, 9));
        assertThrows(DataException.class,
                () -> new InverseDesignOptions("density_g_cm3", List.of(), 12, 3, 3, -0.1, 9));
        assertThrows(DataException.class,
                () -> new InverseDesignOptions("nope", List.of(), 12, 3, 3, Double.NaN, 9));
    }
}
