package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftDiagnosticsTest {
    private static final List<String> NAMES = List.of("a", "b", "c");

    private static double[][] draw(int n, double shift, SplittableRandom rng) {
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextGaussian() + (j == 0 ? shift : 0);
            }
        }
        return x;
    }

    @Test
    void mmdTestHasTheRightSizeUnderNoShift() {
        // Given many seeded pairs of samples from the same distribution
        SplittableRandom rng = new SplittableRandom(11);
        int draws = 60;
        int rejected = 0;
        double sum = 0;
        for (int d = 0; d < draws; d++) {
            double[] r = ShiftDiagnostics.mmdTest(draw(25, 0, rng), draw(25, 0, rng), 99, rng);
            sum += r[1];
            rejected += r[1] < 0.05 ? 1 : 0;
        }
        // Then p-values are roughly uniform: about 5 % below 0.05 and a mean near 0.5
        assertThat(rejected).isLessThanOrEqualTo(8);
        assertThat(sum / draws).isBetween(0.35, 0.65);
    }

    @Test
    void flagsATargetDrawnOutsideTheSourceRange() {
        // Given a source and a target shifted by 4 standard deviations in parameter a
        SplittableRandom rng = new SplittableRandom(5);
        double[][] source = draw(400, 0, rng);
        double[][] target = draw(20, 4, rng);
        // When diagnosed
        ShiftDiagnostics s = ShiftDiagnostics.of(NAMES, source, target, 3);
        // Then most target rows are outside the support, the MMD test rejects, and a warning names parameter a
        assertThat(s.fractionOutsideSupport()).isGreaterThan(0.5);
        assertThat(s.mmdPValue()).isLessThan(0.01);
        assertThat(s.parameters().get(0).standardizedMeanDifference()).isGreaterThan(3);
        assertThat(s.warnings()).anyMatch(w -> w.contains("outside the source's range") && w.contains("a ("));
        assertThat(s.summary()).contains("source [");
    }

    @Test
    void aTargetInsideTheSourceRaisesNoWarning() {
        SplittableRandom rng = new SplittableRandom(8);
        double[][] source = draw(400, 0, rng);
        double[][] target = new double[15][];
        for (int i = 0; i < target.length; i++) {
            target[i] = source[i * 7].clone();
        }
        ShiftDiagnostics s = ShiftDiagnostics.of(NAMES, source, target, 4);
        assertThat(s.fractionOutsideSupport()).isZero();
        assertThat(s.warnings()).isEmpty();
    }
}
