package io.transfab.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DesignerTest {
    static final ParameterSpace MIXED = ParameterSpace.parse(ParameterSpaceTest.SPACE, "space.yaml");

    static final ParameterSpace BOX = ParameterSpace.of(List.of(Parameter.continuous("a", 0, 1),
            Parameter.continuous("b", -5, 5), Parameter.continuous("c", 100, 200), Parameter.continuous("d", 0, 2)),
            List.of());

    private static Plan plan(ParameterSpace s, DesignMethod m, int n, long seed) {
        return Designer.design(s, new DesignOptions(m, n, 3, ModelForm.QUADRATIC, seed));
    }

    @Test
    void unconstrainedLhsHasOnePointPerStratumInEveryContinuousDimension() {
        for (int n : new int[] {7, 20, 33}) {
            // Given an unconstrained continuous box, When a maximin LHS of n runs is planned
            Plan p = plan(BOX, DesignMethod.LHS, n, 11);
            // Then each of the n equal strata of every dimension holds exactly one run
            assertThat(p.runs()).isEqualTo(n);
            for (int j = 0; j < BOX.dimension(); j++) {
                Parameter par = BOX.parameters().get(j);
                int[] counts = new int[n];
                for (int i = 0; i < n; i++) {
                    counts[(int) Math.floor(par.toUnit(p.value(i, j)) * n)]++;
                }
                for (int c : counts) {
                    assertThat(c).as("n=%d dim=%s", n, par.name()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void maximinLhsSpreadsBetterThanAPlainRandomOne() {
        // The optimised hypercube's smallest distance beats the typical random one (median of 20 random LHS)
        double optimised = plan(BOX, DesignMethod.LHS, 20, 3).minPairwiseDistance();
        double[] random = new double[20];
        for (int s = 0; s < random.length; s++) {
            java.util.SplittableRandom rng = new java.util.SplittableRandom(s);
            double[][] pts = new double[20][4];
            for (int j = 0; j < 4; j++) {
                int[] perm = rng.ints(0, 1000).distinct().limit(20).toArray();
                Integer[] order = new Integer[20];
                for (int i = 0; i < 20; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (x, y) -> Integer.compare(perm[x], perm[y]));
                for (int i = 0; i < 20; i++) {
                    pts[order[i]][j] = BOX.parameters().get(j).fromUnit((i + rng.nextDouble()) / 20);
                }
            }
            double min = Double.POSITIVE_INFINITY;
            for (int a = 0; a < 20; a++) {
                for (int b = a + 1; b < 20; b++) {
                    min = Math.min(min, BOX.distance(pts[a], pts[b]));
                }
            }
            random[s] = min;
        }
        java.util.Arrays.sort(random);
        assertThat(optimised).isGreaterThan(random[10]);
    }

    @Test
    void unconstrainedSobolPlanIsBalanced() {
        // Given 16 scrambled Sobol runs on a continuous box
        Plan p = plan(BOX, DesignMethod.SOBOL, 16, 5);
        for (int j = 0; j < BOX.dimension(); j++) {
            Set<Integer> strata = new HashSet<>();
            for (int i = 0; i < 16; i++) {
                strata.add((int) Math.floor(BOX.parameters().get(j).toUnit(p.value(i, j)) * 16));
            }
            // Then the 16 runs fall in 16 different sixteenths of every range
            assertThat(strata).hasSize(16);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DesignMethod.class, names = {"INFLECTION", "INFORMATIVE"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyMethodRespectsConstraintsSnapsAndUsesOnlyLevels(DesignMethod m) {
        // Given the mixed space with two constraints
        Plan p = plan(MIXED, m, 24, 9);
        assertThat(p.runs()).isEqualTo(24);
        for (int i = 0; i < p.runs(); i++) {
            double[] x = p.point(i);
            // Then every run is feasible, on the 5-um grid, a whole number of passes and a declared binder
            assertThat(MIXED.isFeasible(x)).as("run %d of %s", i, m).isTrue();
            assertThat(Math.abs(x[2] - 80) % 5).as("gap grid").isZero();
            assertThat(x[3]).isIn(1.0, 2.0, 3.0);
            assertThat(x[4]).isIn(0.0, 1.0);
            assertThat(x[0]).isBetween(88.0, 96.0);
        }
        String csv = CsvWriter.toCsv(p.toTable("plan.csv"));
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("run,am_wt_pct,cb_wt_pct,comma_gap_um,passes,binder");
        assertThat(csv).contains("PVDF").contains("CMC-SBR");
    }

    @ParameterizedTest
    @EnumSource(value = DesignMethod.class, names = {"INFLECTION", "INFORMATIVE"},
            mode = EnumSource.Mode.EXCLUDE)
    void sameSeedSamePlan(DesignMethod m) {
        Plan a = plan(MIXED, m, 24, 4);
        Plan b = plan(MIXED, m, 24, 4);
        assertThat(CsvWriter.toCsv(a.toTable("x"))).isEqualTo(CsvWriter.toCsv(b.toTable("x")));
        if (m != DesignMethod.FACTORIAL || a.notes().isEmpty()) {
            return;
        }
        // a factorial subset depends on the seed
        assertThat(CsvWriter.toCsv(plan(MIXED, m, 24, 5).toTable("x"))).isNotEqualTo(CsvWriter.toCsv(a.toTable("x")));
    }

    @Test
    void dOptimalBeatsRandomDesignsOnLogDetOfTheQuadraticModel() {
        // Given 20 runs for the 15-term quadratic model of the 4-parameter box
        Plan d = plan(BOX, DesignMethod.DOPT, 20, 1);
        double best = d.logDet(ModelForm.QUADRATIC);
        // Then log det(X'X) exceeds that of random Latin hypercubes and Sobol plans of the same size
        for (long s = 0; s < 5; s++) {
            assertThat(best).isGreaterThan(plan(BOX, DesignMethod.LHS, 20, s).logDet(ModelForm.QUADRATIC));
            assertThat(best).isGreaterThan(plan(BOX, DesignMethod.SOBOL, 20, s).logDet(ModelForm.QUADRATIC));
        }
        assertThat(d.dEfficiency()).isPresent();
        assertThat(d.dEfficiency().getAsDouble()).isBetween(10.0, 100.0);
    }

    @Test
    void linearDOptimalOnTwoLevelBoxIsTheOrthogonalCornerDesign() {
        // For a linear model on a box, the D-optimal 8-run design of 3 factors is the 2^3 factorial (D-eff 100 %)
        ParameterSpace s = ParameterSpace.of(List.of(Parameter.continuous("a", 0, 1), Parameter.continuous("b", 0, 1),
                Parameter.continuous("c", 0, 1)), List.of());
        Plan p = Designer.design(s, new DesignOptions(DesignMethod.DOPT, 8, 3, ModelForm.LINEAR, 2));
        io.transfab.testing.Approx.assertClose(p.dEfficiency().getAsDouble(), 100, 1e-9, 0, "D-efficiency");
    }

    @Test
    void factorialTakesFullGridOrSaysItTookASubset() {
        ParameterSpace s = ParameterSpace.of(List.of(Parameter.continuous("a", 0, 1), Parameter.integer("k", 1, 2),
                Parameter.categorical("c", List.of("x", "y"))), List.of());
        Plan full = plan(s, DesignMethod.FACTORIAL, 12, 1);
        assertThat(full.runs()).isEqualTo(12);
        assertThat(full.notes()).isEmpty();
        Plan small = plan(s, DesignMethod.FACTORIAL, 5, 1);
        assertThat(small.runs()).isEqualTo(5);
        assertThat(small.notes()).singleElement().asString().contains("maximin subset");
        Plan big = plan(s, DesignMethod.FACTORIAL, 20, 1);
        assertThat(big.runs()).isEqualTo(12);
        assertThat(big.notes()).singleElement().asString().contains("only 12");
    }

    @Test
    void extremesStartWithCentreAndCorners() {
        Plan p = plan(BOX, DesignMethod.EXTREMES, 17, 1);
        // centre first, then the 16 corners (farthest from the centre)
        for (int j = 0; j < 4; j++) {
            Parameter par = BOX.parameters().get(j);
            io.transfab.testing.Approx.assertClose(par.toUnit(p.value(0, j)), 0.5, 0, 1e-12, "centre");
            for (int i = 1; i < 17; i++) {
                assertThat(par.toUnit(p.value(i, j))).isIn(0.0, 1.0);
            }
        }
        assertThat(p.minPairwiseDistance()).isGreaterThan(0.99);
    }

    @Test
    void tooSmallFeasibleRegionIsAClearError() {
        ParameterSpace s = ParameterSpace.of(List.of(Parameter.continuous("a", 0, 1), Parameter.continuous("b", 0, 1)),
                List.of(LinearConstraint.parse("a + b <= 1e-7")));
        DataException e = assertThrows(DataException.class,
                () -> plan(s, DesignMethod.SOBOL, 10, 1));
        assertThat(e.getMessage()).contains("too small a feasible region");
        assertThrows(DataException.class, () -> plan(s, DesignMethod.LHS, 10, 1));
        assertThrows(DataException.class, () -> plan(BOX, DesignMethod.DOPT, 10, 1));
    }
}
