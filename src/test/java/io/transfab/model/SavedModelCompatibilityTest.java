package io.transfab.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.testing.Approx;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model directories saved by the first release of format 1 still load and predict the same. */
class SavedModelCompatibilityTest {
    private static Path fixtures() throws Exception {
        return Paths.get(SavedModelCompatibilityTest.class.getResource("/fixtures/models-v1/README.txt").toURI())
                .getParent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ridge", "gp", "xgboost", "mlp-ensemble", "finetuned-l2sp"})
    void oldModelStillPredictsWhatItDid(String name) throws Exception {
        // Given a model directory and the predictions it made when it was saved
        Path dir = fixtures();
        TrainedModel model = TrainedModel.load(dir.resolve(name));
        Table inputs = CsvReader.read(dir.resolve("inputs.csv"));
        Table expected = CsvReader.read(dir.resolve("expected-" + name + ".csv"));
        // When it predicts the same inputs today
        Prediction p = model.predict(inputs);
        // Then means and standard deviations agree
        assertThat(model.schema().targetNames()).containsExactly("density_g_cm3", "porosity");
        for (int t = 0; t < 2; t++) {
            String target = model.schema().targetNames().get(t);
            for (int i = 0; i < inputs.rowCount(); i++) {
                Approx.assertClose(p.mean()[i][t], expected.number(i, expected.indexOf(target + "_pred")), 1e-9,
                        1e-12, name + " mean row " + i);
                double std = expected.number(i, expected.indexOf(target + "_std"));
                if (Double.isNaN(std)) {
                    assertThat(p.std()[i][t]).isNaN();
                } else {
                    Approx.assertClose(p.std()[i][t], std, 1e-9, 1e-12, name + " std row " + i);
                }
            }
        }
        assertThat(model.provenance().dataSha256()).hasSize(64);
        // and, saved before checksums, it says that it cannot be checked for damage
        assertThat(model.loadWarnings()).containsExactly("model " + dir.resolve(name) + " has no checksums (saved by "
                + "an older transfab); it cannot be checked for damage");
    }
}
