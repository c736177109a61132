package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.testing.Approx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict checks its rows against the model: training ranges, --strict, units, overflow. */
class PredictInputCheckTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainOnGaps100To210() throws IOException {
        // gap 100..210 um in steps of 10: sample sd = 10 sqrt(13) = 36.0555 um
        StringBuilder sb = new StringBuilder("gap [um],load,binder,density [g/cm3]\n");
        for (int i = 0; i < 12; i++) {
            sb.append(100 + 10 * i).append(',').append(i % 4).append(',').append(i % 2 == 0 ? "PVDF" : "CMC")
                    .append(',').append(2 + 0.01 * i + 0.05 * (i % 4)).append('\n');
        }
        Path data = Files.writeString(dir.resolve("train.csv"), sb.toString());
        model = dir.resolve("ridge");
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", data.toString(), "--targets", "density",
                "--features", "gap,load,binder", "--model", "ridge", "--out", model.toString(), "--quiet");
        assertThat(r.status()).as(r.err()).isZero();
    }

    private static CliTestSupport.Run predict(String name, String csv, String... extra) throws IOException {
        Path in = Files.writeString(dir.resolve(name + ".csv"), csv);
        String[] args = {"predict", "--model", model.toString(), "--data", in.toString(), "--out",
            dir.resolve(name + "-out.csv").toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CliTestSupport.run(all);
    }

    @Test
    void rowsOutsideTheTrainingRangeAreCountedAndMeasuredInTrainingSds() throws IOException {
        // Given one row inside the range and one with gap 300 um (90 um = 2.496 SDs above 210)
        CliTestSupport.Run r = predict("ranges", "gap [um],load,binder\n150,1,PVDF\n300,2,CMC\n");
        // When predicted, then exit 0, the range columns say 0 / 1 parameters outside and how far
        assertThat(r.status()).as(r.err()).isZero();
        Table out = CsvReader.read(dir.resolve("ranges-out.csv"));
        int outside = out.indexOf("outside_training_range");
        int excess = out.indexOf("max_range_excess_sd");
        assertThat(out.cell(0, outside)).isEqualTo("0");
        assertThat(out.cell(1, outside)).isEqualTo("1");
        Approx.assertClose(out.number(0, excess), 0, 0, 0, "inside");
        Approx.assertClose(out.number(1, excess), 90 / (10 * Math.sqrt(13)), 2e-3, 0, "excess");
        // And a summary line on stderr names the furthest parameter and its row
        assertThat(r.err()).contains("Range check: 1 of 2 rows").contains("gap").contains("row 3");
    }

    @Test
    void strictRefusesTheFirstRowOutsideNamingRowAndColumn() throws IOException {
        // Given the same rows, when predicted with --strict
        CliTestSupport.Run r = predict("strict", "gap [um],load,binder\n150,1,PVDF\n300,2,CMC\n", "--strict");
        // Then exit 2 with one line naming row 3, column gap and the range, and no output file
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).contains("strict.csv, row 3, column 'gap'").contains("[100, 210]")
                .contains("--strict").doesNotContain("Exception");
        assertThat(dir.resolve("strict-out.csv")).doesNotExist();
    }

    @Test
    void anotherUnitOfTheSameQuantityIsConvertedAndSaidSo() throws IOException {
        // Given the rows with gap in mm instead of the model's um
        CliTestSupport.Run um = predict("um", "gap [um],load,binder\n150,1,PVDF\n180,2,CMC\n");
        CliTestSupport.Run mm = predict("mm", "gap [mm],load,binder\n0.15,1,PVDF\n0.18,2,CMC\n");
        // When predicted, then stderr says so and the predictions equal those in um
        assertThat(mm.status()).as(mm.err()).isZero();
        assertThat(mm.err()).contains("converted gap from [mm] to the model's [um] (x 1000)");
        Table a = CsvReader.read(dir.resolve("um-out.csv"));
        Table b = CsvReader.read(dir.resolve("mm-out.csv"));
        int p = a.indexOf("density_pred");
        for (int i = 0; i < 2; i++) {
            Approx.assertClose(b.number(i, p), a.number(i, p), 1e-12, 0, "row " + i);
        }
        assertThat(um.status()).isZero();
    }

    @Test
    void aUnitOfAnotherQuantityIsRefusedNamingBothUnits() throws IOException {
        // Given gap headed in kg, when predicted, then exit 2 naming both units
        CliTestSupport.Run r = predict("kg", "gap [kg],load,binder\n150,1,PVDF\n");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).contains("kg.csv, column 'gap'").contains("[kg]").contains("[um]")
                .doesNotContain("Exception");
    }

    @Test
    void anOverflowingInputIsRefusedWithFileRowAndColumn() throws IOException {
        // Given a gap of 1e308 (squared distances overflow) in the second data row
        CliTestSupport.Run r = predict("huge", "gap [um],load,binder\n150,1,PVDF\n1e308,1,PVDF\n");
        // When predicted, then exit 2 naming file, row and column, and no output with Infinity is written
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).contains("huge.csv, row 3, column 'gap'").contains("1e308");
        assertThat(dir.resolve("huge-out.csv")).doesNotExist();
    }

    @Test
    void aModelWithoutSavedRangesLeavesTheColumnsEmptyWithANote() throws IOException {
        // Given a copy of the model whose model.json lacks the training ranges (as older builds wrote it)
        Path old = dir.resolve("old");
        Files.createDirectories(old.resolve("regressor"));
        try (var files = Files.walk(model)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = old.resolve(model.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                io.transfab.model.Json.MAPPER.readTree(old.resolve("model.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.at("/training/details")).remove("trainingRanges");
        io.transfab.model.Json.MAPPER.writeValue(old.resolve("model.json").toFile(), root);
        Path in = Files.writeString(dir.resolve("o.csv"), "gap [um],load,binder\n300,1,PVDF\n");
        // When predicted
        CliTestSupport.Run r = CliTestSupport.run("predict", "--model", old.toString(), "--data", in.toString(),
                "--out", dir.resolve("o-out.csv").toString());
        // Then it still predicts, with empty range columns and a note
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("saved no training ranges");
        Table out = CsvReader.read(dir.resolve("o-out.csv"));
        assertThat(out.cell(0, out.indexOf("outside_training_range"))).isEmpty();
    }
}
