package io.transfab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.DataException;
import io.transfab.model.nn.HybridModel;
import io.transfab.testing.ModelFixtures;
import io.transfab.testing.Tamper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Saved models record the SHA-256 of every parameter file; a damaged or changed file does not load. */
class ModelChecksumTest {
    private static final String V3 = "models-v3";

    /** Each way of tampering with a parameter file of a tabular model, with a model holding the same file. */
    static Stream<Arguments> tamperedTabularFiles() {
        List<Arguments> out = new ArrayList<>();
        for (Tamper t : Tamper.values()) {
            out.add(Arguments.of(t, "ridge", "regressor/ridge.json", "ridge-robust"));
            out.add(Arguments.of(t, "mlp-ensemble", "regressor/member-0/mlp.json", "mlp-minmax"));
            out.add(Arguments.of(t, "gp-per-domain", "regressor/gp.json", "gp"));
            out.add(Arguments.of(t, "adapter", "regressor/member-1/adapters.json", "adapter-copy"));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("tamperedTabularFiles")
    void aTamperedParameterFileDoesNotLoad(Tamper tamper, String name, String file, String other, @TempDir Path tmp)
            throws Exception {
        // Given a saved model whose parameter file is damaged or changed after saving
        Path dir = ModelFixtures.copy(V3, name, tmp);
        Path partner = other.equals("adapter-copy")
                ? ModelFixtures.copy(V3, "adapter", tmp.resolve("second")).resolve("regressor/member-0/adapters.json")
                : ModelFixtures.copy(V3, other, tmp).resolve(file);
        assertThat(TrainedModel.load(dir).loadWarnings()).isEmpty();
        tamper.apply(dir, file, partner);
        // When it is loaded, then loading refuses it naming the file
        assertThatThrownBy(() -> TrainedModel.load(dir)).isInstanceOf(DataException.class)
                .hasMessageContaining(tamper.message(file)).hasMessageStartingWith(dir.toString());
    }

    @ParameterizedTest
    @MethodSource("tamperedHybridFiles")
    void aTamperedHybridFileDoesNotLoad(Tamper tamper, String file, String partner, @TempDir Path tmp)
            throws Exception {
        // Given a saved hybrid model whose member file is damaged, or two member files swapped
        Path dir = ModelFixtures.copy(V3, "hybrid", tmp);
        assertThat(HybridModel.load(dir).loadWarnings()).isEmpty();
        tamper.apply(dir, file, dir.resolve(partner));
        // When it is loaded, then loading refuses it naming the (first) changed file
        assertThatThrownBy(() -> HybridModel.load(dir)).isInstanceOf(DataException.class)
                .hasMessageContaining(tamper.message(file));
    }

    static Stream<Arguments> tamperedHybridFiles() {
        List<Arguments> out = new ArrayList<>();
        for (Tamper t : Tamper.values()) {
            out.add(Arguments.of(t, "member-0.bin", "member-1.bin"));
        }
        out.add(Arguments.of(Tamper.EDIT_ONE_BYTE, "member-1.json", "member-0.json"));
        return out.stream();
    }

    @Test
    void aNewlySavedModelRecordsEveryFileAndItsWriter(@TempDir Path tmp) throws Exception {
        // Given a model loaded from the fixtures
        TrainedModel model = TrainedModel.load(ModelFixtures.set(V3).resolve("mlp-ensemble"));
        // When it is saved again
        Path dir = tmp.resolve("again");
        model.save(dir);
        // Then model.json is version 3, names its writer, and lists exactly the other files with their SHA-256
        var root = Json.read(dir.resolve(ModelJson.FILE));
        assertThat(root.path("formatVersion").asInt()).isEqualTo(3).isEqualTo(TrainedModel.FORMAT_VERSION);
        assertThat(root.path("writtenBy").asText()).isEqualTo("transfab " + Provenance.currentVersions().get("transfab"));
        List<String> listed = new ArrayList<>();
        root.path("checksums").fieldNames().forEachRemaining(listed::add);
        assertThat(listed).containsExactly("regressor/ensemble.json", "regressor/member-0/mlp.json",
                "regressor/member-1/mlp.json");
        assertThat(root.at("/checksums/regressor~1member-1~1mlp.json").asText()).isEqualTo(
                io.transfab.data.Hashing.sha256(Files.readAllBytes(dir.resolve("regressor/member-1/mlp.json"))));
        assertThat(TrainedModel.load(dir).loadWarnings()).isEmpty();
    }

    @Test
    void aFileAddedBesideTheParametersDoesNotLoad(@TempDir Path tmp) throws Exception {
        // Given a saved model with a parameter file that model.json does not list
        Path dir = ModelFixtures.copy(V3, "ridge", tmp);
        Files.writeString(dir.resolve("regressor/extra.json"), "{}");
        // When it is loaded, then loading names the unlisted file
        assertThatThrownBy(() -> TrainedModel.load(dir)).isInstanceOf(DataException.class)
                .hasMessageContaining("model file regressor/extra.json is not in model.json's checksums");
    }

    @Test
    void aVersionThreeModelWithoutChecksumsDoesNotLoad(@TempDir Path tmp) throws Exception {
        // Given a version 3 model.json whose checksums block was removed
        Path dir = ModelFixtures.copy(V3, "ridge", tmp);
        edit(dir, root -> root.remove("checksums"));
        // When it is loaded, then loading says the block is missing
        assertThatThrownBy(() -> TrainedModel.load(dir)).isInstanceOf(DataException.class)
                .hasMessageContaining("has no checksums block");
    }

    @Test
    void aChecksumEntryOutsideTheModelDirectoryDoesNotLoad(@TempDir Path tmp) throws Exception {
        // Given a checksums entry that points out of the model directory
        Path dir = ModelFixtures.copy(V3, "ridge", tmp);
        edit(dir, root -> ((ObjectNode) root.get("checksums")).put("../outside.json", "00"));
        // When it is loaded, then loading refuses the entry
        assertThatThrownBy(() -> TrainedModel.load(dir)).isInstanceOf(DataException.class)
                .hasMessageContaining("invalid checksums entry '../outside.json'");
    }

    @Test
    void aNewerFormatVersionNamesTheTransfabItNeeds(@TempDir Path tmp) throws Exception {
        // Given models of format version 99, one saying which transfab wrote it and one not
        Path tabular = ModelFixtures.copy(V3, "ridge", tmp);
        edit(tabular, root -> root.put("formatVersion", 99).put("writtenBy", "transfab 7.2.0"));
        Path hybrid = ModelFixtures.copy(V3, "hybrid", tmp);
        edit(hybrid, root -> root.put("formatVersion", 99).remove("writtenBy"));
        String current = Provenance.currentVersions().get("transfab");
        // When they are loaded, then loading says which transfab they need and which this is
        assertThatThrownBy(() -> TrainedModel.load(tabular)).isInstanceOf(DataException.class)
                .hasMessageContaining("model format version 99 needs transfab 7.2.0 or newer (this is transfab "
                        + current);
        assertThatThrownBy(() -> HybridModel.load(hybrid)).isInstanceOf(DataException.class)
                .hasMessageContaining("model format version 99 needs a newer transfab (this is transfab " + current);
    }

    @Test
    void oldModelsLoadWithAWarningThatTheyCannotBeChecked() {
        // Given models saved before checksums (format 1 and 2, hybrid format 1)
        Path v1 = ModelFixtures.set("models-v1").resolve("mlp-ensemble");
        Path v2 = ModelFixtures.set("models-v2").resolve("adapter");
        Path hybrid = ModelFixtures.set("models-v2").resolve("hybrid");
        // When they are loaded, then each carries the one warning naming it
        assertThat(TrainedModel.load(v1).loadWarnings()).containsExactly("model " + v1 + " has no checksums (saved "
                + "by an older transfab); it cannot be checked for damage");
        assertThat(TrainedModel.load(v2).loadWarnings()).singleElement().asString().contains(v2.toString(),
                "has no checksums");
        assertThat(HybridModel.load(hybrid).loadWarnings()).singleElement().asString().contains(hybrid.toString(),
                "has no checksums");
    }

    @Test
    void aMissingFieldIsNamedRatherThanANullPointer(@TempDir Path tmp) throws Exception {
        // Given an old model (nothing to check) whose ensemble file lost its member list, and a new one without its regressor block
        Path old = ModelFixtures.copy("models-v1", "mlp-ensemble", tmp);
        Files.writeString(old.resolve("regressor/ensemble.json"), "{ }\n");
        Path fresh = ModelFixtures.copy(V3, "gp", tmp);
        edit(fresh, root -> root.remove("regressor"));
        Path hybrid = ModelFixtures.copy(V3, "hybrid", tmp);
        edit(hybrid, root -> root.remove("members"));
        // When they are loaded, then loading says which field is missing where
        assertThatThrownBy(() -> TrainedModel.load(old)).isInstanceOf(DataException.class)
                .hasMessageContaining("model directory is damaged or incomplete")
                .hasMessageContaining("ensemble.json: missing field 'members'");
        assertThatThrownBy(() -> TrainedModel.load(fresh)).isInstanceOf(DataException.class)
                .hasMessageContaining("model.json: missing field 'regressor'");
        assertThatThrownBy(() -> HybridModel.load(hybrid)).isInstanceOf(DataException.class)
                .hasMessageContaining("model.json: missing field 'members'");
    }

    @Test
    void aBadValueInAnOldModelIsDamageNotACrash(@TempDir Path tmp) throws Exception {
        // Given an old model whose output statistics hold a string where a number belongs
        Path dir = ModelFixtures.copy("models-v1", "ridge", tmp);
        edit(dir, root -> ((ObjectNode) root.get("outputNormalizer")).putArray("center").add("x").add(1.0));
        // When it is loaded, then it is reported as damaged, naming the value
        assertThatThrownBy(() -> TrainedModel.load(dir)).isInstanceOf(DataException.class)
                .hasMessageContaining("damaged or incomplete").hasMessageContaining("expected a number, got \"x\"");
    }

    private interface Edit {
        void apply(ObjectNode root);
    }

    private static void edit(Path dir, Edit edit) throws Exception {
        Path file = dir.resolve(ModelJson.FILE);
        ObjectNode root = (ObjectNode) Json.read(file);
        edit.apply(root);
        Json.write(file, root);
    }
}
