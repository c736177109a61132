package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.testing.Approx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveSummaryTest {

    @Test
    void summarisesEachMethodAndSizeOverItsRepeats() {
        // Given method "transfer" at sizes 20 and 10 (10 repeats each: 1..10 and 11..20) and "ridge" at 10
        List<CurvePoint> points = new ArrayList<>();
        for (int r = 1; r <= 10; r++) {
            points.add(new CurvePoint("transfer", 20, r));
            points.add(new CurvePoint("transfer", 10, 10 + r));
        }
        points.add(new CurvePoint("ridge", 10, 3.0));
        points.add(new CurvePoint("ridge", 10, 1.0));
        // When summarised with the default 10-90 % band
        List<CurveBand> bands = CurveSummary.of(points);
        // Then methods in first-appearance order, sizes ascending, numpy.quantile values
        assertThat(bands).extracting(CurveBand::method).containsExactly("transfer", "transfer", "ridge");
        assertThat(bands).extracting(CurveBand::size).containsExactly(10, 20, 10);
        CurveBand t20 = bands.get(1);
        assertThat(t20.repeats()).isEqualTo(10);
        Approx.assertClose(t20.median(), 5.5, 1e-15, 0, "median");
        Approx.assertClose(t20.lower(), 1.9, 1e-15, 0, "q10");
        Approx.assertClose(t20.upper(), 9.1, 1e-15, 0, "q90");
        Approx.assertClose(bands.get(2).median(), 2.0, 1e-15, 0, "ridge median");
        Approx.assertClose(bands.get(2).lower(), 1.2, 1e-15, 0, "ridge q10");
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> CurveSummary.of(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> CurveSummary.of(List.of(new CurvePoint("a", 5, 1)), 0.9, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new CurvePoint("a", 5, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new CurvePoint("a", 0, 1));
    }
}
