package io.transfab.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.transfab.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile space files are refused with one line, quickly: size, aliases, nesting and duplicate keys. */
class SpaceYamlLimitsTest {
    /** Hang guard, not a timing assertion. */
    private static final Duration GUARD = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static DataException refusal(String yaml) {
        return assertTimeoutPreemptively(GUARD,
                () -> assertThrows(DataException.class, () -> ParameterSpace.parse(yaml, "space.yaml")));
    }

    private static void assertOneLine(DataException e, String... fragments) {
        assertThat(e.getMessage()).startsWith("space.yaml").doesNotContain("\n");
        for (String f : fragments) {
            assertThat(e.getMessage()).contains(f);
        }
    }

    @Test
    void aBillionLaughsFileIsRefusedAtItsFirstAlias() {
        // Given nine levels of lists, each of ten aliases of the one before (10^9 "lol" if expanded)
        StringBuilder yaml = new StringBuilder("lol0: &l0 [lol]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("lol").append(i).append(": &l").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                yaml.append(k == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("parameters:\n  - {name: a, type: continuous, min: 0, max: 1}\n");
        // When parsed, Then refused with the line of the first alias
        assertOneLine(refusal(yaml.toString()), "line 2", "alias '*l0'", "not supported");
    }

    @Test
    void anAliasInsideTheParametersIsRefusedToo() {
        // Given a space that reuses a level list through an alias (Jackson would read the alias as a string)
        String yaml = "parameters:\n  - {name: a, type: categorical, levels: &lv [x, y]}\n"
                + "  - {name: b, type: categorical, levels: *lv}\n";
        // When parsed, Then refused
        assertOneLine(refusal(yaml), "alias '*lv'");
    }

    @Test
    void duplicateKeysAreRefused() {
        // Given a parameter whose max is given twice (the last would silently win)
        String yaml = "parameters:\n  - {name: a, type: continuous, min: 0, max: 1, max: 5}\n";
        // When parsed, Then refused naming the key
        assertOneLine(refusal(yaml), "not valid YAML", "max");
    }

    @Test
    void deepNestingIsRefused() {
        // Given lists nested 5000 deep
        String yaml = "parameters: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        // When parsed, Then refused as too deep
        assertOneLine(refusal(yaml), "not valid YAML", "nesting depth");
    }

    @Test
    void oversizedFilesAreRefusedBeforeParsing() throws IOException {
        // Given a space file of more than a million characters (a comment block)
        String yaml = "parameters:\n  - {name: a, type: continuous, min: 0, max: 1}\n"
                + ("# " + "x".repeat(98) + "\n").repeat(11_000);
        Path file = Files.writeString(dir.resolve("big.yaml"), yaml);
        // When parsed as text or read as a file, Then refused with the limit
        assertOneLine(refusal(yaml), "characters long", String.valueOf(SpaceYaml.MAX_CHARS));
        DataException e = assertThrows(DataException.class, () -> ParameterSpace.read(file));
        assertThat(e.getMessage()).startsWith(file.toString()).contains("at most " + SpaceYaml.MAX_CHARS);
    }

    @Test
    void anOrdinarySpaceStillParses() {
        // Given the example space of the parser tests
        // When parsed with the limits in place, Then all five parameters are there
        assertThat(ParameterSpace.parse(ParameterSpaceTest.SPACE, "space.yaml").dimension()).isEqualTo(5);
    }
}
