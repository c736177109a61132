package io.transfab.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.testing.Approx;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelBasedDesignerTest {
    /** Three parameters with a constraint that cuts the corner where x and z are both high. */
    static final ParameterSpace CONSTRAINED = ParameterSpace.of(List.of(Parameter.continuous("x", 0, 10),
            Parameter.continuous("y", 0, 1), Parameter.stepped("z", 0, 100, 5)),
            List.of(LinearConstraint.parse("x + 0.05*z <= 12")));

    /** Two targets: a logistic in x (inflection at 4) and a cubic in z (inflection at 60). */
    static final SpaceResponse TWO_TARGETS = SpaceResponse.of(List.of("porosity", "density"), 1, points -> {
        double[][][] out = new double[1][points.length][2];
        for (int i = 0; i < points.length; i++) {
            out[0][i][0] = InflectionLocatorTest.logistic(points[i][0], 2, 4) + 0.1 * points[i][1];
            out[0][i][1] = Math.pow((points[i][2] - 60) / 40, 3);
        }
        return out;
    });

    private static Plan plan(DesignMethod m, int n, long seed) {
        return ModelBasedDesigner.design(CONSTRAINED, DesignOptions.of(m, n, seed), TWO_TARGETS);
    }

    @Test
    void inflectionPlanSitsOnTheBendsOfEveryTarget() {
        // Given two targets with known inflections, When a 4-run inflection plan is made
        Plan p = plan(DesignMethod.INFLECTION, 4, 7);
        // Then the first runs are the strongest bend of each target in turn, at their locations
        assertThat(p.reasons().get(0)).startsWith("inflection of porosity along x at 4");
        assertThat(p.reasons().get(1)).startsWith("inflection of density along z at 60");
        Approx.assertClose(p.value(0, 0), 4, 0, 0.05, "x of run 1");
        Approx.assertClose(p.value(1, 2), 60, 0, 1e-9, "z of run 2 (snapped to the 5-step grid)");
        assertThat(p.reasons()).allMatch(r -> !r.isBlank());
    }

    @Test
    void plansAreFeasibleSpreadOutAndSeedStable() {
        for (DesignMethod m : List.of(DesignMethod.INFLECTION, DesignMethod.INFORMATIVE)) {
            // Given a constrained space, When 12-run plans are made twice with one seed and once with another
            Plan a = plan(m, 12, 3);
            Plan b = plan(m, 12, 3);
            Plan c = plan(m, 12, 4);
            // Then every run is feasible, no two runs coincide, and the same seed gives the same table
            assertThat(a.runs()).isEqualTo(12);
            for (int i = 0; i < a.runs(); i++) {
                assertThat(CONSTRAINED.isFeasible(a.point(i))).as("%s run %d", m, i).isTrue();
            }
            assertThat(a.minPairwiseDistance()).as(m.cliName()).isGreaterThan(0.05);
            assertThat(CsvWriter.toCsv(a.toTable("p"))).isEqualTo(CsvWriter.toCsv(b.toTable("p")));
            assertThat(CsvWriter.toCsv(a.toTable("p"))).isNotEqualTo(CsvWriter.toCsv(c.toTable("p")));
            assertThat(a.toTable("p").names()).contains("reason");
        }
    }

    @Test
    void informativeMixesExtremesBendsAndSpaceFilling() {
        // Given the default mix (a third each), When a 9-run informative plan is made
        Plan p = plan(DesignMethod.INFORMATIVE, 9, 5);
        // Then 3 runs are extremes (the centre among them), 3 sit on bends, 3 are space-filling
        long extremes = p.reasons().stream().filter(r -> r.startsWith("extreme") || r.equals("centre point")).count();
        long bends = p.reasons().stream().filter(r -> r.contains(" of ")).count();
        long filling = p.reasons().stream().filter(r -> r.startsWith("space-filling")).count();
        assertThat(new long[] {extremes, bends, filling}).containsExactly(3, 3, 3);
    }

    @Test
    void modelFreeDesignerRefusesTheModelMethods() {
        // When the model-free designer is asked for an inflection plan, Then a user error names --base
        DataException e = assertThrows(DataException.class, () -> Designer.design(CONSTRAINED,
                DesignOptions.of(DesignMethod.INFLECTION, 4, 1)));
        assertThat(e.getMessage()).contains("--base");
    }
}
