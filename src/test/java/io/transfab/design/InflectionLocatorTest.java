package io.transfab.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.testing.Approx;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Locations against analytic bends: a logistic s(x) = 1/(1 + exp(-k(x - x0))) inflects at x0 and has its
 * knees (largest |s''|, s'' = k^2 s(1-s)(1-2s)) at x0 +- ln(2 + sqrt 3)/k; the cubic (x - a)^3 inflects at a
 * and has no interior knee (|f''| = 6|x - a| is largest at the range ends); a product s1(x) s2(y) has
 * mixed derivative s1'(x) s2'(y), largest at (x0, y0).
 */
class InflectionLocatorTest {
    static final ParameterSpace SPACE = ParameterSpace.of(List.of(Parameter.continuous("x", 0, 10),
            Parameter.continuous("y", 0, 1)), List.of());
    static final double KNEE = Math.log(2 + Math.sqrt(3));

    static double logistic(double x, double k, double x0) {
        return 1 / (1 + Math.exp(-k * (x - x0)));
    }

    /** One member per function, one target. */
    @SafeVarargs
    static SpaceResponse response(ToDoubleFunction<double[]>... members) {
        return SpaceResponse.of(List.of("y1"), members.length, points -> {
            double[][][] out = new double[members.length][points.length][1];
            for (int m = 0; m < members.length; m++) {
                for (int i = 0; i < points.length; i++) {
                    out[m][i][0] = members[m].applyAsDouble(points[i]);
                }
            }
            return out;
        });
    }

    static List<InflectionLocator.Bend> of(InflectionLocator.Result r, InflectionLocator.Kind kind, int param) {
        return r.bends().stream().filter(b -> b.kind() == kind && b.first() == param).toList();
    }

    @Test
    void logisticInflectionAndKneesAreFound() {
        // Given a logistic in x centred at 4 with k = 2 per unit, flat in y
        SpaceResponse f = response(p -> logistic(p[0], 2, 4));
        // When its bends are located
        InflectionLocator.Result r = InflectionLocator.locate(SPACE, f, InflectionLocator.Options.defaults(1));
        // Then one inflection at 4 and two knees at 4 -+ ln(2+sqrt3)/2, nothing along y
        List<InflectionLocator.Bend> infl = of(r, InflectionLocator.Kind.INFLECTION, 0);
        assertThat(infl).hasSize(1);
        Approx.assertClose(infl.get(0).at(), 4, 0, 0.05, "inflection");
        List<InflectionLocator.Bend> knees = of(r, InflectionLocator.Kind.KNEE, 0);
        assertThat(knees).hasSize(2);
        double[] at = knees.stream().mapToDouble(InflectionLocator.Bend::at).sorted().toArray();
        Approx.assertClose(at, new double[] {4 - KNEE / 2, 4 + KNEE / 2}, 0, 0.1, "knees");
        assertThat(r.bends()).allMatch(b -> b.first() == 0 && b.kind() != InflectionLocator.Kind.INTERACTION);
    }

    @Test
    void cubicInflectsOnceWithoutInteriorKnee() {
        // Given (x - 3)^3 + y
        SpaceResponse f = response(p -> Math.pow(p[0] - 3, 3) + p[1]);
        // When its bends are located
        InflectionLocator.Result r = InflectionLocator.locate(SPACE, f, InflectionLocator.Options.defaults(2));
        // Then the only bend is the inflection at x = 3
        assertThat(r.bends()).hasSize(1);
        assertThat(r.bends().get(0).kind()).isEqualTo(InflectionLocator.Kind.INFLECTION);
        Approx.assertClose(r.bends().get(0).at(), 3, 0, 0.05, "cubic inflection");
    }

    @Test
    void productOfTwoLogisticsInteractsAtBothCentres() {
        // Given s(x; 3) * s(y; 0.6), both steep
        SpaceResponse f = response(p -> logistic(p[0], 1.5, 3) * logistic(p[1], 15, 0.6));
        // When its bends are located
        InflectionLocator.Result r = InflectionLocator.locate(SPACE, f, InflectionLocator.Options.defaults(3));
        // Then the pair (x, y) is an interaction at (3, 0.6), and each parameter inflects at its centre
        List<InflectionLocator.Bend> inter = r.bends().stream()
                .filter(b -> b.kind() == InflectionLocator.Kind.INTERACTION).toList();
        assertThat(inter).hasSize(1);
        Approx.assertClose(inter.get(0).at(), 3, 0, 0.25, "interaction x");
        Approx.assertClose(inter.get(0).at2(), 0.6, 0, 0.025, "interaction y");
        Approx.assertClose(of(r, InflectionLocator.Kind.INFLECTION, 0).get(0).at(), 3, 0, 0.1, "x inflection");
        Approx.assertClose(of(r, InflectionLocator.Kind.INFLECTION, 1).get(0).at(), 0.6, 0, 0.01, "y inflection");
    }

    @Test
    void interactionShareSeparatesAdditiveFromProduct() {
        // Given an additive and a product surface on a grid
        double[][] additive = new double[11][11];
        double[][] product = new double[11][11];
        for (int a = 0; a < 11; a++) {
            for (int b = 0; b < 11; b++) {
                additive[a][b] = a * 0.1 + Math.sin(b * 0.3);
                product[a][b] = (a * 0.1 - 0.5) * (b * 0.1 - 0.5);
            }
        }
        // Then H^2 is 0 for the additive one and 1 for the centred product (pure interaction)
        Approx.assertClose(InflectionLocator.interactionShare(additive), 0, 0, 1e-12, "additive H2");
        Approx.assertClose(InflectionLocator.interactionShare(product), 1, 0, 1e-12, "product H2");
    }

    @Test
    void membersThatAgreeGiveASpreadAndMembersThatDisagreeAreSkipped() {
        // Given three members inflecting at 4.9, 5 and 5.1
        SpaceResponse agree = response(p -> logistic(p[0], 2, 4.9), p -> logistic(p[0], 2, 5),
                p -> logistic(p[0], 2, 5.1));
        InflectionLocator.Result r = InflectionLocator.locate(SPACE, agree, InflectionLocator.Options.defaults(4));
        // Then the inflection at 5 is kept with a spread near the members' sd of 0.1
        InflectionLocator.Bend infl = of(r, InflectionLocator.Kind.INFLECTION, 0).get(0);
        Approx.assertClose(infl.at(), 5, 0, 0.05, "agreed inflection");
        Approx.assertClose(infl.spread(), 0.1, 0, 0.03, "spread");
        Approx.assertClose(infl.agreement(), 1, 0, 1e-12, "agreement");
        // Given three members inflecting at 2, 5 and 8 (their mean has its own bends near each)
        SpaceResponse disagree = response(p -> logistic(p[0], 3, 2), p -> logistic(p[0], 3, 5),
                p -> logistic(p[0], 3, 8));
        InflectionLocator.Result s = InflectionLocator.locate(SPACE, disagree, InflectionLocator.Options.defaults(4));
        // Then the bends of the mean curve that only one member has are skipped
        assertThat(s.skipped()).isNotEmpty();
        assertThat(s.bends()).allMatch(b -> b.agreement() >= 0.75);
        assertThat(s.skipped()).allMatch(b -> b.agreement() < 0.75);
    }
}
