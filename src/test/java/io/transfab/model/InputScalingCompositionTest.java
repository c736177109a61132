package io.transfab.model;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Composition inputs inside {@link InputScaling}: every normaliser applies them, and model.json keeps them. */
class InputScalingCompositionTest {
    private static final double[][] X = {
        {0.2, 0.3, 0.5, 10}, {0.5, 0.25, 0.25, 12}, {0.6, 0.3, 0.1, 9}, {0.3, 0.3, 0.4, 11}, {0.1, 0.1, 0.8, 14},
        {0.4, 0.4, 0.2, 8}, {0.25, 0.5, 0.25, 13}, {0.7, 0.2, 0.1, 10}, {0.3, 0.6, 0.1, 12}, {0.2, 0.2, 0.6, 11},
    };
    private static final String[] LABELS = {"a", "a", "a", "a", "a", "b", "b", "b", "b", "b"};
    private static final boolean[] MASK = {true, true, true, true};

    private static LogRatio lr() {
        return LogRatio.fit(X, List.of(new int[] {0, 1, 2}), List.of(List.of("ni", "mn", "co")));
    }

    @Test
    void jsonRoundTripKeepsTheGroupsForPooledAndPerDomainScaling() {
        for (NormalizationScheme scheme : NormalizationScheme.values()) {
            // Given a scaling with a composition group
            boolean per = scheme == NormalizationScheme.PER_DOMAIN;
            InputScaling s = InputScaling.fit(scheme, X, MASK, per ? "lab" : null, LABELS, lr());
            // When written and read back
            var json = s.toJson();
            InputScaling back = InputScaling.fromJson(json, MASK);
            // Then the group and every scaled value agree
            assertThat(json.has("composition")).isTrue();
            assertThat(back.logRatio().groups().get(0).label()).isEqualTo("ni+mn+co");
            assertClose(back.apply(X, LABELS), s.apply(X, LABELS), 1e-12, 1e-12, scheme.cliName());
            // And the per-domain statistics are those of the coordinates (row 0 of domain a: own mean 0 of z1)
            double[][] z = s.apply(X, LABELS);
            double mean = 0;
            for (int i = 0; i < 5; i++) {
                mean += z[i][0] / 5;
            }
            if (per) {
                assertClose(mean, 0, 0, 1e-12, "domain a mean of z1");
            }
        }
    }

    @Test
    void withoutACompositionTheJsonIsUnchanged() {
        // Given the same scaling fitted without groups, Then there is no composition field and the values are affine
        InputScaling s = InputScaling.fit(NormalizationScheme.STANDARD, X, MASK, null, null, null);
        assertThat(s.toJson().has("composition")).isFalse();
        assertThat(s.toJson().toString()).isEqualTo(
                InputScaling.fit(NormalizationScheme.STANDARD, X, MASK, null, null).toJson().toString());
        assertThat(InputScaling.fromJson(s.toJson(), MASK).logRatio()).isNull();
    }
}
