package io.transfab.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** assess removes its work folder OUT.partial when done, so it never adopts a folder it did not make. */
class UnitStoreWorkFolderTest {
    @TempDir
    Path dir;

    @Test
    void refusesAUserFolderWhereTheWorkFolderGoes() throws IOException {
        // Given a user's folder named like the work folder
        Path work = Files.createDirectories(dir.resolve("out.partial"));
        Files.writeString(work.resolve("notes.txt"), "mine");

        // When / Then opening the store there is refused and the notes stay
        DataException e = assertThrows(DataException.class, () -> UnitStore.open(work, "fp"));
        assertThat(e.getMessage()).contains(work.toString());
        assertThat(Files.readString(work.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void reopensItsOwnWorkFolder() throws IOException {
        // Given a work folder an interrupted run left
        Path work = dir.resolve("out.partial");
        UnitStore.open(work, "fp");

        // When / Then it is opened again with the same fingerprint, and reset with another
        assertThat(UnitStore.open(work, "fp").directory()).isEqualTo(work);
        assertThat(Files.readString(UnitStore.open(work, "other").directory().resolve("fingerprint.txt")).strip())
                .isEqualTo("other");
    }
}
