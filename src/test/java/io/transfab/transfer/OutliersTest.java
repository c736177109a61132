package io.transfab.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.gp.KernelChoice;
import io.transfab.testing.Approx;
import org.junit.jupiter.api.Test;

class OutliersTest {
    @Test
    void modifiedZScoreMatchesAHandDerivation() {
        // Given 1..9 and 30: median 5.5, absolute deviations 4.5 3.5 ... 3.5 4.5 24.5, MAD 2.5;
        // the largest modified z-score is 0.6745 * 24.5 / 2.5 = 6.6101
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 30};
        Approx.assertClose(Outliers.maxModifiedZ(v), 0.6745 * 24.5 / 2.5, 1e-12, 1e-12, "max modified z");
        assertThat(Outliers.present(new double[][] {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {30}})).isTrue();
    }

    @Test
    void evenlySpreadRowsHaveNoOutliers() {
        // Given 1..10: MAD 2.5, largest deviation 4.5, z = 0.6745 * 4.5 / 2.5 = 1.21 < 3.5
        double[][] y = new double[10][1];
        for (int i = 0; i < 10; i++) {
            y[i][0] = i + 1;
        }
        assertThat(Outliers.present(y)).isFalse();
    }

    @Test
    void noSpreadMeansNothingToJudge() {
        assertThat(Outliers.maxModifiedZ(new double[] {2, 2, 2, 2, 9})).isZero();
    }

    @Test
    void theFloorAppliesOnlyWhenTheRuleFires() {
        AutoOptions a = AutoOptions.defaults().withNoiseFloor(0.05);
        double[][] clean = {{-1.5}, {-1}, {-0.5}, {0}, {0.5}, {1}, {1.5}};
        double[][] dirty = {{-0.3}, {-0.2}, {-0.1}, {0}, {0.1}, {0.2}, {2.4}};
        Approx.assertClose(a.gp(dirty).minNoiseVariance(), 0.05, 0, 0, "floor with an outlier");
        Approx.assertClose(a.gp(clean).minNoiseVariance(), 1e-6, 0, 0, "ordinary bound without");
    }

    @Test
    void gpKernelOverridesIsotropicForEveryGpOfAuto() {
        // Given auto's options with the isotropic switch and then the evidence switch on
        double[][] y = {{-1}, {0}, {1}};
        AutoOptions iso = AutoOptions.defaults().withIsotropicGp(true);
        // When auto builds its GP options, Then the evidence choice wins over the fixed kernel
        assertThat(AutoOptions.defaults().gp(y).kernel()).isEqualTo(KernelChoice.ARD);
        assertThat(iso.gp(y).kernel()).isEqualTo(KernelChoice.ISOTROPIC);
        assertThat(iso.withGpKernel(KernelChoice.EVIDENCE).gp(y).kernel()).isEqualTo(KernelChoice.EVIDENCE);
    }

    @Test
    void skewnessAndTheLogCandidateRule() {
        // Given 1, 2, 3, 10: mean 4, m2 = 50 / 4 = 12.5, m3 = 180 / 4 = 45, skewness 45 / 12.5^1.5 = 1.01823
        Approx.assertClose(AutoOptions.skewness(new double[] {1, 2, 3, 10}), 45 / Math.pow(12.5, 1.5), 1e-12, 0,
                "skewness");
        AutoOptions a = AutoOptions.defaults().withLogTarget(true);
        // Then a positive right-skewed column qualifies; a symmetric one and one with a non-positive value do not
        org.assertj.core.api.Assertions.assertThat(a.logCandidate(new double[][] {{1}, {2}, {3}, {10}})).isTrue();
        org.assertj.core.api.Assertions.assertThat(a.logCandidate(new double[][] {{1}, {2}, {3}, {4}})).isFalse();
        org.assertj.core.api.Assertions.assertThat(a.logCandidate(new double[][] {{0}, {2}, {3}, {10}})).isFalse();
        org.assertj.core.api.Assertions.assertThat(AutoOptions.defaults().withLogTarget(false)
                .logCandidate(new double[][] {{1}, {2}, {3}, {10}})).isFalse();
    }

    @Test
    void theRankCandidateRuleFiresOnFloorsCeilingsAndFractionsNearABound() {
        AutoOptions a = AutoOptions.defaults().withRankTarget(true);
        // Given 10 rows, 2 of them (20 %) tied at the minimum 5: a floor
        assertThat(a.rankCandidate(new double[][] {{5}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}})).isTrue();
        // Given 2 of 10 tied at the maximum 13: a ceiling
        assertThat(a.rankCandidate(new double[][] {{5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {13}})).isTrue();
        // Given a tie inside the range, none at a bound, away from [0, 1] and [0, 100]: not bounded
        assertThat(a.rankCandidate(new double[][] {{105}, {106}, {106}, {107}, {108}, {109}, {110}, {111}, {112},
                {113}})).isFalse();
        // Given fractions with 0.99 within 2 % of 1: bounded; 0.5..0.9 in [0, 1] but 0.1 from a bound: not
        assertThat(a.rankCandidate(new double[][] {{0.5}, {0.7}, {0.99}, {0.8}})).isTrue();
        assertThat(a.rankCandidate(new double[][] {{0.5}, {0.7}, {0.9}, {0.8}})).isFalse();
        // Given percentages with 1.5 within 2 of 0: bounded
        assertThat(a.rankCandidate(new double[][] {{1.5}, {40}, {60}, {80}})).isTrue();
        // Given densities 1.4-1.8 (g/cm3): in [0, 100] near 0, but spread over 0.4 % of it: not a percentage
        assertThat(a.rankCandidate(new double[][] {{1.4}, {1.5}, {1.6}, {1.8}})).isFalse();
        // Given fewer than 3 distinct values: no shape to transform; and the switch off: never
        assertThat(a.rankCandidate(new double[][] {{0}, {0}, {1}, {1}})).isFalse();
        assertThat(AutoOptions.defaults().rankCandidate(new double[][] {{5}, {5}, {6}, {7}})).isFalse();
        // And every target column must look bounded
        assertThat(a.rankCandidate(new double[][] {{5, 105}, {5, 106}, {6, 107}, {7, 108}, {8, 109}})).isFalse();
    }
}
