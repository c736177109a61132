package io.transfab.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFolderTest {
    private static Path tables(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(AccuracyTasks.CONCRETE), "x\n");
        Files.writeString(dir.resolve(AccuracyTasks.CONDITIONS), "x\n");
        return dir;
    }

    @Test
    void theWorkingDirectoryComesFirst(@TempDir Path root) throws Exception {
        // Given examples/ in the working directory and beside the installation
        Path cwd = root.resolve("work");
        tables(cwd.resolve("examples"));
        tables(root.resolve("repo/examples"));
        // When the default is resolved
        Path p = TableFolder.resolve(null, List.of("concrete-age"), cwd, root.resolve("repo/target"));
        // Then the working directory's folder is used
        assertThat(p).isEqualTo(cwd.resolve("examples"));
    }

    @Test
    void outsideTheRepositoryTheInstallationsFolderIsFound(@TempDir Path root) throws Exception {
        // Given no examples/ in the working directory, the jar in repo/target and the tables in repo/examples
        Path cwd = Files.createDirectories(root.resolve("elsewhere"));
        tables(root.resolve("repo/examples"));
        // When resolved
        Path p = TableFolder.resolve(null, List.of("wmg-conditions"), cwd, root.resolve("repo/target"));
        // Then the repository's folder is used
        assertThat(p).isEqualTo(root.resolve("repo/examples"));
    }

    @Test
    void missingTablesAreOneLineNamingWhereItLooked(@TempDir Path root) throws Exception {
        // Given no tables anywhere
        Path cwd = Files.createDirectories(root.resolve("elsewhere"));
        DataException e = assertThrows(DataException.class, () -> TableFolder.resolve(null,
                List.of("concrete-age"), cwd, root.resolve("repo/target")));
        // Then the message is one line naming the folders and the option
        assertThat(e.getMessage()).doesNotContain("\n").contains(cwd.resolve("examples").toString())
                .contains(root.resolve("repo/examples").toString()).contains("--tables");
        // And a given folder without the tables is refused the same way
        assertThrows(DataException.class, () -> TableFolder.resolve(cwd, List.of("concrete-age"), cwd, null));
    }

    @Test
    void simulatedTasksNeedNoTables(@TempDir Path root) {
        // Given only simulated tasks and no tables
        Path p = TableFolder.resolve(null, List.of("electrode-corrupted", "gdl-corrupted"), root, null);
        // Then the default name is returned without a check
        assertThat(p).isEqualTo(root.resolve("examples"));
    }
}
