package io.transfab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional {@code compositions:} of a roles file. */
class ColumnRolesCompositionTest {
    private static final String COLUMNS = "columns:\n  ni: feature\n  mn: feature\n  co: feature\n  y: target\n";

    @Test
    void groupsAsListsOrJoinedNamesReadAndWriteBack() {
        // Given a roles file with two groups, one as a list and one as 'a+b'
        ColumnRoles r = ColumnRoles.parse(COLUMNS + "compositions:\n  - [ni, mn]\n  - co+y\n", "x.roles.yaml");
        // Then it reads as the --composition text, and toYaml reads back the same
        assertThat(r.composition()).isEqualTo("ni+mn;co+y");
        assertThat(r.compositionGroups()).containsExactly(List.of("ni", "mn"), List.of("co", "y"));
        assertThat(ColumnRoles.parse(r.toYaml(), "again")).isEqualTo(r);
        // And without the key there is no declaration
        assertThat(ColumnRoles.parse(COLUMNS, "x").composition()).isNull();
    }

    @Test
    void offAndAutoAreKeptAndBadValuesRefused() {
        assertThat(ColumnRoles.parse(COLUMNS + "compositions: off\n", "x").composition()).isEqualTo("off");
        assertThat(ColumnRoles.parse(COLUMNS + "compositions: \"off\"\n", "x").composition()).isEqualTo("off");
        ColumnRoles auto = ColumnRoles.parse(COLUMNS + "compositions: auto\n", "x");
        assertThat(auto.composition()).isEqualTo("auto");
        assertThat(ColumnRoles.parse(auto.toYaml(), "x")).isEqualTo(auto);
        assertThatThrownBy(() -> ColumnRoles.parse(COLUMNS + "compositions: [[ni]]\n", "x.roles.yaml"))
                .isInstanceOf(DataException.class).hasMessageContaining("at least 2 columns");
        assertThatThrownBy(() -> ColumnRoles.parse(COLUMNS + "compositions: [ni+mn, mn+co]\n", "x"))
                .hasMessageContaining("'mn' is in two groups");
        assertThatThrownBy(() -> ColumnRoles.parse(COLUMNS + "other: 1\n", "x"))
                .hasMessageContaining("optionally 'compositions:'");
    }
}
