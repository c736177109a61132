package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.testing.Approx;
import io.transfab.testing.ModelFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model directories of format version 3 (with checksums) saved on 2026-12-02, every kind of the
 * earlier generations, still load without warnings and predict what they predicted then, through
 * {@code predict}.
 */
class SavedModelGenerationThreeTest {
    @ParameterizedTest
    @ValueSource(strings = {"ridge", "gp", "xgboost", "mlp-ensemble", "finetuned-l2sp", "ridge-robust",
        "gp-per-domain", "mlp-minmax", "adapter", "hybrid"})
    void savedModelStillPredictsWhatItDid(String name, @TempDir Path tmp) throws Exception {
        // Given a saved model, the inputs it predicted and what it predicted then
        Path dir = ModelFixtures.set("models-v3");
        Path inputs = ModelFixtures.set("models-v2").resolve(name.equals("hybrid") ? "gdl-inputs.csv" : "inputs.csv");
        Table expected = CsvReader.read(dir.resolve("expected-" + name + ".csv"));
        Path out = tmp.resolve("p.csv");
        // When it predicts the same inputs today
        CliTestSupport.Run run = CliTestSupport.run("predict", "--model", dir.resolve(name).toString(), "--data",
                inputs.toString(), "--out", out.toString(), "--quiet");
        // Then it succeeds without a warning about checksums and every prediction column agrees
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("checksum");
        Table actual = CsvReader.read(out);
        assertThat(actual.names()).isEqualTo(expected.names());
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            String col = expected.names().get(c);
            for (int i = 0; i < expected.rowCount(); i++) {
                if (col.endsWith("_std") && Double.isNaN(expected.number(i, c))) {
                    assertThat(actual.number(i, c)).as(name + " " + col + " row " + i).isNaN();
                } else if (col.endsWith("_pred") || col.endsWith("_std")) {
                    Approx.assertClose(actual.number(i, c), expected.number(i, c), 1e-6, 1e-9,
                            name + " " + col + " row " + i);
                } else if (col.equals("domain_status")) {
                    assertThat(actual.cell(i, c)).as(name + " row " + i).isEqualTo(expected.cell(i, c));
                }
            }
        }
    }
}
