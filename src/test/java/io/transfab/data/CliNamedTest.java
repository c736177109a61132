package io.transfab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CliNamedTest {
    private enum Colour implements CliNamed {
        RED("red"), DARK_BLUE("dark-blue");

        private final String cliName;

        Colour(String cliName) {
            this.cliName = cliName;
        }

        @Override
        public String cliName() {
            return cliName;
        }
    }

    @Test
    void parsesIgnoringCaseAndSurroundingBlanks() {
        // Given names as users type them, When parsed, Then each finds its constant
        assertThat(CliNamed.parse(Colour.class, "red", "--colour")).isEqualTo(Colour.RED);
        assertThat(CliNamed.parse(Colour.class, " Dark-Blue\t", "--colour")).isEqualTo(Colour.DARK_BLUE);
    }

    @Test
    void unknownOrMissingNameListsTheValidOnes() {
        // Given a misspelt name, When parsed, Then the message names the option, the input and the choices
        DataException e = assertThrows(DataException.class,
                () -> CliNamed.parse(Colour.class, "green", "--colour"));
        assertThat(e.getMessage()).isEqualTo("unknown --colour 'green'; choose one of red, dark-blue");
        // Given no name at all, Then the same kind of error (not a NullPointerException)
        assertThat(assertThrows(DataException.class, () -> CliNamed.parse(Colour.class, null, "--colour"))
                .getMessage()).contains("'null'").contains("red, dark-blue");
        // And the underscore spelling of the constant is not a CLI name
        assertThrows(DataException.class, () -> CliNamed.parse(Colour.class, "dark_blue", "--colour"));
    }
}
