package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictIntervalsCliTest {
    @Test
    void predictWritesCalibratedIntervalsAtTheRequestedLevel(@TempDir Path dir) throws Exception {
        // Given a ridge model trained on 16 noisy rows (model.json then holds a calibration block)
        StringBuilder sb = new StringBuilder("gap,load,density\n");
        for (int i = 0; i < 16; i++) {
            sb.append(100 + 10 * i).append(',').append(i % 4).append(',')
                    .append(2 + 0.01 * i + 0.05 * (i % 4) + 0.03 * Math.sin(7.0 * i)).append('\n');
        }
        Path data = Files.writeString(dir.resolve("data.csv"), sb.toString());
        Path model = dir.resolve("model");
        CliTestSupport.Run t = CliTestSupport.run("train", "--data", data.toString(), "--features", "gap,load", "--targets", "density",
                "--model", "ridge", "--out", model.toString(), "--quiet");
        assertThat(t.status()).as(t.err()).isZero();
        assertThat(Files.readString(model.resolve("model.json"))).contains("\"calibration\"").contains("\"scores\"");
        // When predicting at 80 % and at 90 %
        Path p80 = dir.resolve("p80.csv");
        Path p90 = dir.resolve("p90.csv");
        CliTestSupport.Run a = CliTestSupport.run("predict", "--model", model.toString(), "--data", data.toString(),
                "--out", p80.toString(), "--level", "0.8", "--quiet");
        CliTestSupport.Run b = CliTestSupport.run("predict", "--model", model.toString(), "--data", data.toString(),
                "--out", p90.toString(), "--quiet");
        // Then both succeed with conformal intervals around the prediction, the 90 % one wider, and
        // _std the same at both levels (it is the calibrated std at 90 %)
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(b.status()).as(b.err()).isZero();
        assertThat(a.out()).contains("80.00 % conformal intervals");
        Table t80 = CsvReader.read(p80);
        Table t90 = CsvReader.read(p90);
        assertThat(t80.names()).containsSubsequence("density_pred", "density_std", "density_lower", "density_upper");
        int pred = t80.indexOf("density_pred");
        int lo = t80.indexOf("density_lower");
        int hi = t80.indexOf("density_upper");
        int sd = t80.indexOf("density_std");
        for (int i = 0; i < t80.rowCount(); i++) {
            assertThat(t80.number(i, lo)).isLessThan(t80.number(i, pred));
            assertThat(t80.number(i, hi)).isGreaterThan(t80.number(i, pred));
            assertThat(t90.number(i, hi) - t90.number(i, lo)).isGreaterThanOrEqualTo(t80.number(i, hi)
                    - t80.number(i, lo));
            assertThat(t90.number(i, sd)).isEqualTo(t80.number(i, sd));
        }
    }
}
