package io.transfab.assess;

import io.transfab.data.AtomicOutput;
import io.transfab.data.DataException;
import io.transfab.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finished units of an assessment, one JSON file each, so that an interrupted run resumes
 * without redoing them. The store belongs to one settings fingerprint: a run with other settings
 * or data starts afresh.
 */
final class UnitStore {
    private final Path dir;

    private UnitStore(Path dir) {
        this.dir = dir;
    }

    /** Opens (or resets) the store in {@code dir} for runs with this fingerprint. */
    static UnitStore open(Path dir, String fingerprint) throws IOException {
        Path stamp = dir.resolve("fingerprint.txt");
        if (Files.exists(dir) && !Files.exists(stamp) && !isEmptyDirectory(dir)) {
            // assess removes this folder when it finishes: never adopt someone else's
            throw DataException.of(dir.toString(), "exists and is not the work folder of an interrupted "
                    + "assessment; move it away or choose another --out");
        }
        if (Files.exists(stamp) && !Files.readString(stamp).strip().equals(fingerprint)) {
            AtomicOutput.deleteRecursively(dir);
        }
        Files.createDirectories(dir);
        if (!Files.exists(stamp)) {
            AtomicOutput.writeString(stamp, fingerprint + "\n"); // first, so that a kill leaves a folder it adopts
        }
        Files.createDirectories(dir.resolve("units"));
        return new UnitStore(dir);
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    Path directory() {
        return dir;
    }

    Optional<SplitResult.Unit> find(String key) throws IOException {
        Path f = dir.resolve("units").resolve(key + ".json");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return Optional.of(Json.MAPPER.readValue(f.toFile(), SplitResult.Unit.class));
    }

    void save(SplitResult.Unit unit) throws IOException {
        AtomicOutput.writeString(dir.resolve("units").resolve(unit.key() + ".json"), Json.toString(unit));
    }

    int count() throws IOException {
        try (var s = Files.list(dir.resolve("units"))) {
            return (int) s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }
}
