package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.Json;
import io.transfab.testing.ModelFixtures;
import io.transfab.testing.Tamper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code predict} with a damaged, changed or too new model directory: exit 2 and one line naming the problem. */
class ModelTamperCliTest {
    private static final String V3 = "models-v3";

    @ParameterizedTest
    @EnumSource(Tamper.class)
    void predictRefusesATamperedTabularModel(Tamper tamper, @TempDir Path tmp) throws Exception {
        // Given a saved ridge model whose parameter file is damaged or swapped with another model's
        Path dir = ModelFixtures.copy(V3, "ridge", tmp);
        Path other = ModelFixtures.copy(V3, "ridge-robust", tmp);
        tamper.apply(dir, "regressor/ridge.json", other.resolve("regressor/ridge.json"));
        // When it predicts
        Path out = tmp.resolve("p.csv");
        CliTestSupport.Run run = predict(dir, "inputs.csv", out);
        // Then it exits 2 with the problem, no stack trace, and writes nothing
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(dir + ": " + tamper.message("regressor/ridge.json")).doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Tamper.class)
    void predictRefusesATamperedHybridModel(Tamper tamper, @TempDir Path tmp) throws Exception {
        // Given a saved hybrid model whose first member's values are damaged or swapped with the second's
        Path dir = ModelFixtures.copy(V3, "hybrid", tmp);
        tamper.apply(dir, "member-0.bin", dir.resolve("member-1.bin"));
        // When it predicts, then it exits 2 naming the file
        CliTestSupport.Run run = predict(dir, "gdl-inputs.csv", tmp.resolve("p.csv"));
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(tamper.message("member-0.bin"));
    }

    @Test
    void predictSaysWhichTransfabANewerModelNeeds(@TempDir Path tmp) throws Exception {
        // Given a model of a format version this build does not know, written by a newer transfab
        Path dir = ModelFixtures.copy(V3, "gp", tmp);
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(dir.resolve("model.json"));
        root.put("formatVersion", 99).put("writtenBy", "transfab 9.1.0");
        Json.write(dir.resolve("model.json"), root);
        // When it predicts, then it exits 2 saying which transfab it needs
        CliTestSupport.Run run = predict(dir, "inputs.csv", tmp.resolve("p.csv"));
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("model format version 99 needs transfab 9.1.0 or newer (this is transfab ");
    }

    @Test
    void finetuneWarnsThatAnOldBaseCannotBeChecked(@TempDir Path tmp) throws Exception {
        // Given a base model saved before checksums
        Path base = ModelFixtures.set("models-v1").resolve("mlp-ensemble");
        Path out = tmp.resolve("ft");
        // When it is fine-tuned
        CliTestSupport.Run run = CliTestSupport.run("finetune", "--base", base.toString(), "--data",
                ModelFixtures.set("models-v1").resolve("train.csv").toString(), "--strategy", "l2sp", "--epochs", "2",
                "--out", out.toString(), "--quiet");
        // Then it works, warns once, and the new model is version 3 with checksums
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).containsOnlyOnce("warning: model " + base + " has no checksums");
        assertThat(Json.read(out.resolve("model.json")).path("checksums").size()).isEqualTo(3);
        assertThat(Files.exists(out.resolve("regressor/member-0/mlp.json"))).isTrue();
    }

    private static CliTestSupport.Run predict(Path model, String inputs, Path out) {
        return CliTestSupport.run("predict", "--model", model.toString(), "--data",
                ModelFixtures.set("models-v2").resolve(inputs).toString(), "--out", out.toString(), "--quiet");
    }
}
