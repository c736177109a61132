package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.testing.Approx;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    private static final double[] BASELINE = {0.045, 0.052, 0.040, 0.047, 0.061, 0.043, 0.050, 0.044, 0.039, 0.058};

    @Test
    void lowerTransferErrorsOnEverySplitMeanTransferHelps() {
        // Given transfer errors below the baseline on all 10 splits, by distinct margins
        double[] transfer = new double[10];
        for (int i = 0; i < 10; i++) {
            transfer[i] = BASELINE[i] - 0.001 * (i + 1);
        }
        // When compared
        PairedComparison c = PairedComparison.of("RMSE", transfer, BASELINE, 0.05);
        // Then the exact two-sided p is 2 / 2^10 and the verdict is TRANSFER_HELPS
        Approx.assertClose(c.pValue(), 2.0 / 1024, 1e-12, 0, "p");
        assertThat(c.verdict()).isEqualTo(Verdict.TRANSFER_HELPS);
        assertThat(c.splits()).isEqualTo(10);
        assertThat(c.nonZeroDifferences()).isEqualTo(10);
        Approx.assertClose(c.medianDifference(), -0.0055, 1e-12, 0, "median difference");
        assertThat(c.sentence()).contains("median RMSE 0.043 (transfer) vs 0.046 (best non-transfer) over 10 splits")
                .contains("p = 0.00195").contains("exact").contains("transfer helps");
    }

    @Test
    void higherTransferErrorsMeanNegativeTransfer() {
        // Given transfer errors above the baseline on 9 of 10 splits
        double[] transfer = new double[10];
        for (int i = 0; i < 10; i++) {
            transfer[i] = BASELINE[i] + (i == 0 ? -0.0005 : 0.002 * i);
        }
        // When compared at the default alpha
        PairedComparison c = PairedComparison.of(transfer, BASELINE);
        // Then W+ = 55 - 1 = 54, p = 2 * 2 / 1024, NEGATIVE_TRANSFER
        Approx.assertClose(c.test().statistic(), 54, 0, 0, "W+");
        Approx.assertClose(c.pValue(), 4.0 / 1024, 1e-12, 0, "p");
        assertThat(c.verdict()).isEqualTo(Verdict.NEGATIVE_TRANSFER);
        assertThat(c.sentence()).contains("negative transfer");
    }

    @Test
    void mixedDifferencesAreNotSignificant() {
        // Given differences of both signs
        double[] transfer = BASELINE.clone();
        double[] shifts = {0.003, -0.002, 0.001, -0.004, 0.005, -0.006, 0.0015, -0.0025, 0.0035, -0.0045};
        for (int i = 0; i < 10; i++) {
            transfer[i] += shifts[i];
        }
        // When compared
        PairedComparison c = PairedComparison.of(transfer, BASELINE, 0.05);
        // Then no significant difference, with the p-value in the sentence
        assertThat(c.pValue()).isGreaterThan(0.05);
        assertThat(c.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_DIFFERENCE);
        assertThat(c.sentence()).contains("no significant difference").contains("over 10 splits");
    }

    @Test
    void fewerThanSixNonZeroDifferencesCannotBeSignificant() {
        // Given 5 splits, transfer better on all of them (exact two-sided p = 0.0625 at best)
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {1.5, 2.6, 3.7, 4.8, 5.9};
        // When compared
        PairedComparison c = PairedComparison.of("MAE", a, b, 0.05);
        // Then the verdict is NO_SIGNIFICANT_DIFFERENCE and the sentence says why
        assertThat(c.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_DIFFERENCE);
        assertThat(c.sentence()).contains("5 non-zero paired differences").contains("needs at least 6")
                .contains("p < 0.05");
        Approx.assertClose(c.pValue(), 0.0625, 1e-12, 0, "p");
        // And zero differences do not count towards the six: 7 splits, 2 ties
        PairedComparison tied = PairedComparison.of(new double[] {1, 2, 3, 4, 5, 6, 7},
                new double[] {1, 2, 3.5, 4.5, 5.5, 6.5, 7.5}, 0.05);
        assertThat(tied.nonZeroDifferences()).isEqualTo(5);
        assertThat(tied.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_DIFFERENCE);
    }

    @Test
    void minimumPairsFollowsTheSmallestExactPValue() {
        // 2 / 2^n < alpha: n = 6 at 0.05, 8 at 0.01, 5 at 0.1
        assertThat(PairedComparison.minimumPairs(0.05)).isEqualTo(6);
        assertThat(PairedComparison.minimumPairs(0.01)).isEqualTo(8);
        assertThat(PairedComparison.minimumPairs(0.1)).isEqualTo(5);
        assertThat(PairedComparison.minimumPairs(0.0625)).isEqualTo(6);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(BASELINE, BASELINE, 0));
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(BASELINE, BASELINE, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(new double[] {1}, BASELINE, 0.05));
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(" ", BASELINE, BASELINE, 0.05));
    }

    @Test
    void formatsThreeSignificantDigits() {
        assertThat(PairedComparison.fmt(0.031)).isEqualTo("0.031");
        assertThat(PairedComparison.fmt(0.0041234)).isEqualTo("0.00412");
        assertThat(PairedComparison.fmt(12.345)).isEqualTo("12.3");
        assertThat(PairedComparison.fmt(1.37e-10)).isEqualTo("1.37e-10");
    }
}
