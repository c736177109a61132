package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every command answers bad input with exit status 2, one line naming file, row and column, and no output. */
class BadInputTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainSmallModel() throws IOException {
        StringBuilder sb = new StringBuilder("gap [um],load,binder,density [g/cm3]\n");
        for (int i = 0; i < 12; i++) {
            sb.append(100 + 10 * i).append(',').append(i % 4).append(',').append(i % 2 == 0 ? "PVDF" : "CMC")
                    .append(',').append(2 + 0.01 * i + 0.05 * (i % 4)).append('\n');
        }
        Path good = Files.writeString(dir.resolve("good.csv"), sb.toString());
        model = dir.resolve("ridge-model");
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", good.toString(), "--targets", "density",
                "--features", "gap,load,binder", "--model", "ridge", "--out", model.toString(), "--quiet");
        assertThat(r.status()).as(r.err()).isZero();
    }

    private static Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertBadInput(CliTestSupport.Run r, String... fragments) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        String err = r.err().strip();
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(err).contains(f);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ragged row        | x,y\\n1,2\\n3\\n                | row 3",
        "non-numeric cell  | x,y\\n1,2\\n2,3\\nabc,4\\n5,6\\n  | row 4, column 'x'",
        "empty file        | ''                              | empty",
        "duplicate header  | x,x,y\\n1,2,3\\n                | column 'x'",
        "NaN target        | x,y\\n1,2\\n2,NaN\\n3,4\\n      | row 3, column 'y'",
        "infinite target   | x,y\\n1,2\\n2,-inf\\n3,4\\n     | row 3, column 'y'",
        "missing target    | x,z\\n1,2\\n2,3\\n              | column 'y'"})
    void trainRejectsBadTables(String name, String content, String fragment) throws IOException {
        // Given a bad table
        Path f = file(name.trim().replace(' ', '_') + ".csv", content.replace("\\n", "\n"));
        Path out = dir.resolve("out-" + name.trim().replace(' ', '_'));
        // When training on it
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", f.toString(), "--targets", "y", "--features", "x",
                "--model", "ridge",
                "--out", out.toString(), "--quiet");
        // Then exit 2 with one line naming the file and the place, and nothing written
        assertBadInput(r, f.getFileName().toString(), fragment);
        assertThat(out).doesNotExist();
    }

    @Test
    void missingFeatureColumnAtPredictionIsNamed() throws IOException {
        Path f = file("nogap.csv", "load,binder\n1,PVDF\n");
        Path out = dir.resolve("preds.csv");
        assertBadInput(CliTestSupport.run("predict", "--model", model.toString(), "--data", f.toString(), "--out",
                out.toString()), "nogap.csv", "column 'gap'", "missing");
        assertThat(out).doesNotExist();
    }

    @Test
    void unseenCategoryAtPredictionIsNamed() throws IOException {
        Path f = file("newbinder.csv", "gap,load,binder\n100,1,PAA\n");
        assertBadInput(CliTestSupport.run("predict", "--model", model.toString(), "--data", f.toString(), "--out",
                dir.resolve("p2.csv").toString()), "newbinder.csv, row 2, column 'binder'", "PAA");
    }

    @Test
    void missingModelDirectoryIsNamed() throws IOException {
        // Given a model path that does not exist
        Path f = file("rows.csv", "gap,load,binder\n100,1,PVDF\n");
        // When predicting with it, Then exit 2 names the directory as not a model directory
        assertBadInput(CliTestSupport.run("predict", "--model", dir.resolve("no-such-model").toString(), "--data",
                f.toString(), "--out", dir.resolve("p9.csv").toString()), "no-such-model",
                "not a transfab model directory");
    }

    @Test
    void missingFeatureNamedInOptions() throws IOException {
        Path f = file("small.csv", "x,y\n1,2\n2,3\n3,4\n");
        assertBadInput(CliTestSupport.run("train", "--data", f.toString(), "--targets", "y", "--features", "x,speed",
                "--out", dir.resolve("o3").toString(), "--quiet"), "small.csv", "column 'speed'");
    }

    @Test
    void tooFewRowsForAutoIsAClearError() throws IOException {
        Path base = dir.resolve("base-mlp");
        StringBuilder sb = new StringBuilder("gap,load,density\n");
        for (int i = 0; i < 40; i++) {
            sb.append(100 + i).append(',').append(i % 5).append(',').append(2 + 0.01 * i).append('\n');
        }
        Path src = file("src.csv", sb.toString());
        CliTestSupport.Run pre = CliTestSupport.run("pretrain", "--data", src.toString(), "--targets", "density",
                "--features", "gap,load", "--out", base.toString(), "--ensemble", "1", "--epochs", "5", "--quiet");
        assertThat(pre.status()).as(pre.err()).isZero();
        Path tgt = file("tiny.csv", "gap,load,density\n100,1,2.0\n110,2,2.1\n120,3,2.2\n");
        Path out = dir.resolve("ft");
        assertBadInput(CliTestSupport.run("finetune", "--base", base.toString(), "--data", tgt.toString(), "--out",
                out.toString(), "--quiet"), "at least 4 target rows");
        assertThat(out).doesNotExist();
    }

    @Test
    void unknownOptionPointsToHelpAndExits2() {
        // A name like no real option: picocli suggests a near one (--no-such-option ~ --normalization) instead
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", "x.csv", "--out", "o", "--bogus-flag");
        // one line (the full usage would bury the message), pointing to the command's --help
        assertBadInput(r, "Unknown option", "'transfab train --help'");
    }

    @Test
    void aNewOutputInsideTheInputModelIsRefusedEvenWithForce() throws IOException {
        // Given a model folder, whose model.json records the checksum of every file beside it
        Path f = file("inside.csv", "gap,load,binder\n100,1,PVDF\n");
        Path inside = model.resolve("p.csv");
        // When predictions are sent into it, with and without --force
        for (String force : new String[] {"--quiet", "--force"}) {
            // Then the command refuses with one line and writes nothing there
            assertBadInput(CliTestSupport.run("predict", "--model", model.toString(), "--data", f.toString(), "--out",
                    inside.toString(), force), "p.csv", "inside the input model", "checksum");
            assertThat(inside).doesNotExist();
        }
        // And the model still loads and predicts
        Path out = dir.resolve("p-beside.csv");
        CliTestSupport.Run r = CliTestSupport.run("predict", "--model", model.toString(), "--data", f.toString(),
                "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(out).exists();
    }

    @Test
    void notAModelDirectoryIsBadInput() throws IOException {
        Path f = file("p.csv", "gap,load,binder\n100,1,PVDF\n");
        assertBadInput(CliTestSupport.run("predict", "--model", dir.toString(), "--data", f.toString(), "--out",
                dir.resolve("p4.csv").toString()), "model.json");
    }
}
