package io.transfab.accuracy;

import io.transfab.data.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where {@code study accuracy} reads the public tables: the folder given with {@code --tables}, or,
 * by default, {@value #DEFAULT} in the working directory and then beside the installation (the
 * folder above {@code target/transfab.jar}, i.e. the repository root, and the jar's own folder), so
 * that the study runs from any directory.
 */
public final class TableFolder {
    /** The default folder name. */
    public static final String DEFAULT = "examples";

    /** Tasks that read a table (the others are simulated). */
    static final Set<String> READS_TABLES = Set.of("concrete-age", "concrete-superplasticizer", "wmg-conditions",
            "wmg-halfcells");

    private TableFolder() {
    }

    /**
     * The folder for {@code tasks}: {@code given} when not null; otherwise the first of
     * {@code candidates(cwd, installation)} holding the tables. A missing folder is one line (exit 2)
     * naming where it looked; without a task that reads tables, the default is returned unchecked.
     *
     * @param installation the folder holding the running jar, or null when unknown
     */
    public static Path resolve(Path given, List<String> tasks, Path cwd, Path installation) {
        boolean needed = tasks.stream().anyMatch(READS_TABLES::contains);
        if (given != null) {
            if (needed && !holdsTables(given)) {
                throw DataException.option("--tables " + given + ": no " + AccuracyTasks.CONCRETE + " and "
                        + AccuracyTasks.CONDITIONS + " there (the folder of examples/ in the transfab repository)");
            }
            return given;
        }
        List<Path> tried = candidates(cwd, installation);
        if (!needed) {
            return tried.get(0);
        }
        for (Path p : tried) {
            if (holdsTables(p)) {
                return p;
            }
        }
        throw DataException.option("the public tables were not found (looked in " + String.join(", ",
                tried.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList()) + "); pass --tables DIR, the examples/ folder of the "
                + "transfab repository");
    }

    /** Where the default folder is looked for, in order. */
    static List<Path> candidates(Path cwd, Path installation) {
        List<Path> out = new ArrayList<>();
        out.add(cwd.resolve(DEFAULT));
        if (installation != null) {
            Path abs = installation.toAbsolutePath().normalize();
            if (abs.getParent() != null) {
                out.add(abs.getParent().resolve(DEFAULT));
            }
            out.add(abs.resolve(DEFAULT));
        }
        return out.stream().distinct().toList();
    }

    /** The folder of the running jar (or of the classes), or null when it cannot be told. */
    public static Path installation() {
        try {
            var src = TableFolder.class.getProtectionDomain().getCodeSource();
            if (src == null) {
                return null;
            }
            Path p = Path.of(src.getLocation().toURI());
            return Files.isRegularFile(p) ? p.getParent() : p;
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean holdsTables(Path dir) {
        return Files.isRegularFile(dir.resolve(AccuracyTasks.CONCRETE))
                && Files.isRegularFile(dir.resolve(AccuracyTasks.CONDITIONS));
    }
}
