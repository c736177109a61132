package io.transfab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transfab.data.Column;
import io.transfab.data.DataException;
import io.transfab.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Detection and declaration of composition inputs. */
class CompositionsTest {
    private static Schema schema(String... names) {
        List<Column> f = new ArrayList<>();
        for (String n : names) {
            f.add(Column.numeric(n, ""));
        }
        return new Schema(f, List.of(Column.numeric("y", "")));
    }

    /** {@code parts} random parts closed to {@code total}, rounded to {@code step}, then {@code extra} free columns. */
    private static double[][] rows(int n, int parts, double total, double step, int extra, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][parts + extra];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < parts; k++) {
                x[i][k] = 0.2 + r.nextDouble();
                s += x[i][k];
            }
            for (int k = 0; k < parts; k++) {
                x[i][k] = step > 0 ? Math.round(x[i][k] / s * total / step) * step : x[i][k] / s * total;
            }
            for (int k = 0; k < extra; k++) {
                x[i][parts + k] = 10 * r.nextDouble();
            }
        }
        return x;
    }

    private static List<String> labels(Compositions.Found f) {
        return f.logRatio() == null ? List.of() : f.logRatio().groups().stream().map(LogRatio.Group::label).toList();
    }

    @Test
    void exactFractionsAreFoundAndNamedInOneLine() {
        // Given Ni/Mn/Co fractions summing to 1 exactly and a temperature
        double[][] x = rows(12, 3, 1, 0, 1, 1);
        // When detecting
        Compositions.Found f = Compositions.detect(schema("ni_frac", "mn_frac", "co_frac", "temp_c"), x);
        // Then the three fractions are one group, and the line says so
        assertThat(labels(f)).containsExactly("ni_frac+mn_frac+co_frac");
        assertThat(f.lines()).containsExactly(
                "composition inputs ni_frac+mn_frac+co_frac (sum 1.000, detected): log-ratio (ilr) coordinates");
        assertThat(f.logRatio().groups().get(0).columns()).containsExactly(0, 1, 2);
    }

    @Test
    void roundedPercentagesAreFound() {
        // Given wt% of a slurry rounded to 0.2 (row sums off 100 by up to 0.3)
        double[][] x = rows(20, 3, 100, 0.2, 0, 2);
        double worst = 0;
        for (double[] r : x) {
            worst = Math.max(worst, Math.abs(r[0] + r[1] + r[2] - 100));
        }
        assertThat(worst).isGreaterThan(0.01);
        // When detecting, Then found, with the total as written
        Compositions.Found f = Compositions.detect(schema("active", "binder", "carbon"), x);
        assertThat(labels(f)).containsExactly("active+binder+carbon");
        assertThat(f.lines().get(0)).contains("(sum 100.0, detected)");
        // And sums of exactly 100 +- 0.5 pass, 100 +- 0.6 do not
        double[][] edge = {{90, 5, 4.5}, {80, 10, 10.5}, {85, 7, 8}, {70, 20, 10}};
        assertThat(Compositions.detect(schema("a", "b", "c"), edge).logRatio()).isNotNull();
        edge[0][2] = 4.4;
        edge[1][2] = 10.6;
        assertThat(Compositions.detect(schema("a", "b", "c"), edge).logRatio()).isNull();
    }

    @Test
    void sumsOffByMoreThanTheToleranceAreDeclined() {
        // Given fractions whose sums wander by 2 %
        double[][] x = rows(12, 3, 1, 0, 0, 3);
        for (int i = 0; i < x.length; i++) {
            x[i][0] += (i % 2 == 0 ? 0.02 : -0.02);
        }
        // When detecting, Then nothing
        assertThat(Compositions.detect(schema("a", "b", "c"), x).logRatio()).isNull();
    }

    @Test
    void zerosAreAcceptedAndGetAReplacement() {
        // Given fractions with a zero Co in some rows
        double[][] x = rows(12, 3, 1, 0, 0, 4);
        x[0] = new double[] {0.6, 0.4, 0};
        x[1] = new double[] {0.7, 0.3, 0};
        // When detecting
        Compositions.Found f = Compositions.detect(schema("ni", "mn", "co"), x);
        // Then the group is found and zeros become a small positive share (finite coordinates)
        assertThat(labels(f)).containsExactly("ni+mn+co");
        double[][] z = f.logRatio().apply(x);
        assertThat(z[0][0]).isFinite();
        assertThat(z[0][1]).isFinite().isGreaterThan(1.0); // ln(mn / delta) is large
    }

    @Test
    void negativeValuesAreDeclinedWithAReason() {
        // Given three columns summing to 1 where one is sometimes negative (a difference, not a part)
        double[][] x = {{0.5, 0.6, -0.1}, {0.3, 0.3, 0.4}, {0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}};
        // When detecting
        Compositions.Found f = Compositions.detect(schema("a", "b", "c"), x);
        // Then no group, and the note says why
        assertThat(f.logRatio()).isNull();
        assertThat(f.declined()).singleElement().asString().contains("a+b+c").contains("negative");
    }

    @Test
    void twoColumnsSummingToAConstantAreDeclined() {
        // Given x and 1 - x beside a free column
        double[][] x = {{0.2, 0.8, 3}, {0.5, 0.5, 1}, {0.9, 0.1, 7}, {0.4, 0.6, 2}};
        // When detecting, Then no group and a note to drop one
        Compositions.Found f = Compositions.detect(schema("a", "b", "t"), x);
        assertThat(f.logRatio()).isNull();
        assertThat(f.declined()).singleElement().asString().contains("a+b").contains("at least 3 parts");
    }

    @Test
    void twoGroupsSideBySideAreFoundSeparately() {
        // Given element fractions (sum 1) and slurry wt% (sum 100), whose union also sums to a constant
        double[][] a = rows(15, 3, 1, 0, 0, 5);
        double[][] b = rows(15, 4, 100, 0, 0, 6);
        double[][] x = new double[15][];
        for (int i = 0; i < 15; i++) {
            x[i] = new double[] {b[i][0], a[i][0], b[i][1], a[i][1], a[i][2], b[i][2], b[i][3]};
        }
        // When detecting
        Compositions.Found f = Compositions.detect(schema("w1", "f1", "w2", "f2", "f3", "w3", "w4"), x);
        // Then two groups, not their union
        assertThat(labels(f)).containsExactly("f1+f2+f3", "w1+w2+w3+w4");
    }

    @Test
    void tooFewRowsOrOffDetectNothing() {
        double[][] x = rows(2, 3, 1, 0, 0, 7);
        assertThat(Compositions.detect(schema("a", "b", "c"), x).logRatio()).isNull();
        double[][] more = rows(10, 3, 1, 0, 0, 7);
        assertThat(Compositions.resolve(Compositions.Choice.OFF, schema("a", "b", "c"), more).logRatio()).isNull();
        assertThat(Compositions.resolve(Compositions.Choice.AUTO, schema("a", "b", "c"), more).logRatio()).isNotNull();
    }

    @Test
    void declaredGroupsAreUsedAsGivenAndCheckedAgainstTheSchema() {
        // Given a declaration of two columns (detection would decline 2) in a table with a third
        double[][] x = rows(10, 3, 1, 0, 1, 8);
        Schema s = schema("a", "b", "c", "t");
        Compositions.Choice c = Compositions.Choice.parse("a+b", "--composition");
        // When resolved, Then the named group is used
        assertThat(labels(Compositions.resolve(c, s, x))).containsExactly("a+b");
        assertThat(Compositions.resolve(c, s, x).lines().get(0)).contains("declared");
        assertThat(Compositions.Choice.parse("a+b+c;d,e", "x").groups()).containsExactly(List.of("a", "b", "c"),
                List.of("d", "e"));
        assertThat(Compositions.Choice.parse(null, "x")).isEqualTo(Compositions.Choice.AUTO);
        assertThat(Compositions.Choice.parse("OFF", "x").text()).isEqualTo("off");
        // And bad declarations are refused with one line
        assertThatThrownBy(() -> Compositions.resolve(Compositions.Choice.parse("a+zz", "x"), s, x))
                .isInstanceOf(DataException.class).hasMessageContaining("'zz' is not a numeric feature");
        assertThatThrownBy(() -> Compositions.Choice.parse("a", "--composition")).isInstanceOf(DataException.class)
                .hasMessageContaining("at least 2 columns");
        assertThatThrownBy(() -> Compositions.Choice.parse("a+b;b+c", "--composition"))
                .hasMessageContaining("in two groups");
        x[3][0] = -0.1;
        assertThatThrownBy(() -> Compositions.resolve(c, s, x))
                .hasMessageContaining("negative value in training row 4");
    }
}
