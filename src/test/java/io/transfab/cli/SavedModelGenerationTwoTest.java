package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.testing.Approx;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model directories of the second generation (robust / min-max / per-domain scaling, domain adapters, hybrid
 * image networks) saved on 2026-11-30 still load and predict what they predicted then, through {@code predict}.
 */
class SavedModelGenerationTwoTest {
    private static Path fixtures() throws Exception {
        return Paths.get(SavedModelGenerationTwoTest.class.getResource("/fixtures/models-v2/README.txt").toURI())
                .getParent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ridge-robust", "gp-per-domain", "mlp-minmax", "adapter", "hybrid"})
    void savedModelStillPredictsWhatItDid(String name, @TempDir Path tmp) throws Exception {
        // Given a saved model, the inputs it predicted and what it predicted then
        Path dir = fixtures();
        String inputs = name.equals("hybrid") ? "gdl-inputs.csv" : "inputs.csv";
        Table expected = CsvReader.read(dir.resolve("expected-" + name + ".csv"));
        Path out = tmp.resolve("p.csv");
        // When it predicts the same inputs today
        CliTestSupport.Run run = CliTestSupport.run("predict", "--model", dir.resolve(name).toString(), "--data",
                dir.resolve(inputs).toString(), "--out", out.toString(), "--quiet");
        // Then it succeeds and every prediction column agrees, domain_status included; the interval
        // columns that came later sit beside them, and the model says its intervals are uncalibrated
        assertThat(run.status()).as(run.err()).isZero();
        // and warns that a model saved before checksums cannot be checked for damage
        assertThat(run.err()).contains("warning: model " + dir.resolve(name) + " has no checksums (saved by an older "
                + "transfab); it cannot be checked for damage");
        // and that it has no calibration block (uncalibrated intervals)
        assertThat(run.err()).contains("no calibration block");
        Table actual = CsvReader.read(out);
        java.util.List<String> names = new java.util.ArrayList<>(actual.names());
        names.removeAll(java.util.List.of(io.transfab.model.InputCheck.OUTSIDE, io.transfab.model.InputCheck.EXCESS));
        names.removeIf(n -> n.endsWith("_lower") || n.endsWith("_upper"));
        assertThat(names).isEqualTo(expected.names());
        if (actual.has(io.transfab.model.InputCheck.OUTSIDE)) { // saved before training ranges: the columns stay empty
            assertThat(actual.cell(0, actual.indexOf(io.transfab.model.InputCheck.OUTSIDE))).isEmpty();
        }
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            String col = expected.names().get(c);
            int a = actual.indexOf(col);
            for (int i = 0; i < expected.rowCount(); i++) {
                if (col.endsWith("_std") && Double.isNaN(expected.number(i, c))) {
                    assertThat(actual.number(i, actual.indexOf(col))).as(name + " " + col + " row " + i).isNaN();
                } else if (col.endsWith("_pred") || col.endsWith("_std")) {
                    Approx.assertClose(actual.number(i, actual.indexOf(col)), expected.number(i, c), 1e-6, 1e-9,
                            name + " " + col + " row " + i);
                } else if (col.equals("domain_status")) {
                    assertThat(actual.cell(i, actual.indexOf(col))).as(name + " row " + i)
                            .isEqualTo(expected.cell(i, c));
                }
            }
        }
    }
}
