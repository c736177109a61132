package io.transfab.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.DataException;
import io.transfab.simulate.GdlFamily;
import io.transfab.simulate.GdlParameters;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The GDL simulator as a design-study lab: tabular parameters in, properties out. */
class GdlLabTest {
    private static final GdlLab FELT = GdlLab.of(GdlFamily.FELT, 1, GdlLab.space(GdlFamily.FELT), "felt");

    @Test
    void measuresThePropertiesOfEachPointWithNoiseAroundAFixedTruth() {
        // Given five uniform points of the felt ranges and two properties
        List<double[]> points = SimulatorLab.uniform(FELT.parameterSpace(), 5, new SplittableRandom(3));
        int[] props = {FELT.indexOf("porosity"), FELT.indexOf("permeability_tp_um2")};
        // When they are measured twice with the same seed, once with another, and their truth is asked twice
        double[][] a = FELT.measure(points, props, 7);
        double[][] b = FELT.measure(points, props, 7);
        double[][] c = FELT.measure(points, props, 8);
        // Then the same seed measures the same values, another seed other ones, the truth is stable, and a
        // porosity is a volume fraction
        assertThat(b).isDeepEqualTo(a);
        assertThat(c[0][0]).isNotEqualTo(a[0][0]);
        for (double[] p : points) {
            assertThat(FELT.truth(p, props)).isEqualTo(FELT.truth(p, props));
        }
        for (double[] row : a) {
            assertThat(row[0]).isBetween(0.0, 1.0);
            assertThat(row[1]).isPositive();
        }
    }

    @Test
    void spaceIsTheFamilysRangesAndPropertiesAreTheSimulators() {
        // Given the felt lab, Then its space has the eight GDL parameters and an unknown property is a user error
        assertThat(FELT.parameterSpace().parameters().stream().map(Parameter::name).toList())
                .isEqualTo(GdlParameters.names());
        assertThat(FELT.name()).isEqualTo("felt");
        DataException e = assertThrows(DataException.class, () -> FELT.indexOf("density_g_cm3"));
        assertThat(e.getMessage()).contains("permeability_tp_um2");
    }

    @Test
    void aSpaceWithoutAGdlParameterIsAUserError() {
        // Given a space lacking seven of the eight parameters, When a lab is built on it, Then the error names one
        ParameterSpace partial = ParameterSpace.parse("parameters:\n  - {name: fibre_diameter_um, type: continuous, "
                + "min: 9, max: 12}\n", "partial.yaml");
        DataException e = assertThrows(DataException.class, () -> GdlLab.of(GdlFamily.FELT, 1, partial,
                "partial.yaml"));
        assertThat(e.getMessage()).contains("partial.yaml").contains("fibre_volume_fraction");
    }
}
