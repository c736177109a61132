package io.transfab.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.DataException;
import io.transfab.testing.Approx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterSpaceTest {
    static final String SPACE = """
            parameters:
              - {name: am_wt_pct, type: continuous, min: 88, max: 96}
              - {name: cb_wt_pct, type: continuous, min: 1, max: 6}
              - {name: comma_gap_um, type: continuous, min: 80, max: 350, step: 5}
              - {name: passes, type: integer, min: 1, max: 3}
              - {name: binder, type: categorical, levels: [PVDF, CMC-SBR]}
            constraints:
              - "am_wt_pct + cb_wt_pct <= 99"
              - "comma_gap_um - 20*passes >= 60"
            """;

    @Test
    void parsesTypesStepsLevelsAndConstraints() {
        // When the example space is parsed
        ParameterSpace s = ParameterSpace.parse(SPACE, "space.yaml");
        // Then types, grids and constraints are as written
        assertThat(s.dimension()).isEqualTo(5);
        assertThat(s.parameters().get(2).valueCount()).isEqualTo(55);
        assertThat(s.parameters().get(3).type()).isEqualTo(ParameterType.INTEGER);
        assertThat(s.parameters().get(4).levels()).containsExactly("PVDF", "CMC-SBR");
        LinearConstraint c = s.constraints().get(1);
        assertThat(c.comparison()).isEqualTo(Comparison.GE);
        Approx.assertClose(c.coefficients().get("passes"), -20, 0, 1e-12, "coefficient");
        Approx.assertClose(c.bound(), 60, 0, 1e-12, "bound");
        assertThat(s.isFeasible(new double[] {93, 6, 80, 1, 0})).isTrue();
        assertThat(s.isFeasible(new double[] {94, 6, 80, 1, 0})).isFalse();
        assertThat(s.isFeasible(new double[] {90, 2, 110, 3, 1})).isFalse();
    }

    @Test
    void constraintGrammarMovesTermsLeftAndConstantsRight() {
        // Given terms and constants on both sides
        LinearConstraint c = LinearConstraint.parse("2*a - b + 3 < 10 - 0.5*a + b*4 - 1e1");
        // Then 2.5 a - 5 b < -3
        Approx.assertClose(c.coefficients().get("a"), 2.5, 0, 1e-12, "a");
        Approx.assertClose(c.coefficients().get("b"), -5, 0, 1e-12, "b");
        Approx.assertClose(c.bound(), -3, 0, 1e-12, "bound");
        assertThat(c.comparison()).isEqualTo(Comparison.LT);
        assertThat(c.satisfiedBy(Map.of("a", 0.0, "b", 1.0))).isTrue();
        assertThat(c.satisfiedBy(Map.of("a", 0.0, "b", 0.0))).isFalse();
    }

    @Test
    void snapsToGridAndIntegers() {
        Parameter gap = Parameter.stepped("gap", 80, 350, 5);
        Parameter passes = Parameter.integer("passes", 1, 3);
        Parameter frac = Parameter.stepped("f", 0, 1, 0.1);
        Approx.assertClose(gap.snap(83.4), 85, 0, 0, "snap");
        Approx.assertClose(gap.fromUnit(0.999), 350, 0, 0, "top of grid");
        Approx.assertClose(passes.fromUnit(0.5), 2, 0, 0, "integer");
        assertThat(frac.format(frac.fromUnit(0.35))).isEqualTo("0.3");
        assertThat(passes.format(passes.fromUnit(0.99))).isEqualTo("3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "- {name: a, type: continuous, min: 5, max: 5}|parameter 'a': min must be < max",
        "- {name: a, type: real, min: 0, max: 1}|parameter 'a': unknown type 'real'",
        "- {name: a, type: categorical, levels: []}|parameter 'a': categorical parameter needs at least one level",
        "- {name: a, type: continuous, min: 0, max: 1, stepp: 2}|parameter 'a': unknown key 'stepp'",
        "- {name: a, type: integer, min: 0.5, max: 3}|parameter 'a': integer parameter needs whole-number",
        "- {name: a, type: continuous, min: 0, max: x}|parameter 'a': 'max' must be a number",
    })
    void parameterErrorsNameFileAndParameter(String line, String expected) {
        DataException e = assertThrows(DataException.class,
                () -> ParameterSpace.parse("parameters:\n  " + line + "\n", "space.yaml"));
        assertThat(e.getMessage()).startsWith("space.yaml: ").contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a + z <= 3|constraint 'a + z <= 3': unknown parameter 'z'",
        "a * b <= 3|constraint 'a * b <= 3': products of parameters are not linear",
        "a + b|constraint 'a + b': missing comparison",
        "a + <= 3|constraint 'a + <= 3': expected a parameter name but found '<='",
        "a + cat <= 3|constraint 'a + cat <= 3': parameter 'cat' is categorical",
        "a - a <= 1|constraint 'a - a <= 1': constraint has no parameter",
        "a == 3|constraint 'a == 3': unexpected character '='",
    })
    void constraintErrorsNameFileAndConstraint(String constraint, String expected) {
        String yaml = """
                parameters:
                  - {name: a, type: continuous, min: 0, max: 1}
                  - {name: b, type: continuous, min: 0, max: 1}
                  - {name: cat, type: categorical, levels: [x, y]}
                constraints:
                  - "%s"
                """.formatted(constraint);
        DataException e = assertThrows(DataException.class, () -> ParameterSpace.parse(yaml, "space.yaml"));
        assertThat(e.getMessage()).startsWith("space.yaml: " + expected.strip());
    }

    @Test
    void structuralErrors() {
        assertThrows(DataException.class, () -> ParameterSpace.parse("parameters: []", "s.yaml"));
        assertThrows(DataException.class, () -> ParameterSpace.parse("params:\n  - {name: a}", "s.yaml"));
        assertThrows(DataException.class, () -> ParameterSpace.parse("parameters: [unclosed", "s.yaml"));
        assertThrows(DataException.class, () -> ParameterSpace.parse(
                "parameters:\n  - {name: a, type: integer, min: 0, max: 1}\n  - {name: a, type: integer, min: 0, max: 1}",
                "s.yaml"));
        assertThrows(IllegalArgumentException.class, () -> ParameterSpace.of(List.of(), List.of()));
    }
}
