package io.transfab.assess;

import io.transfab.data.AtomicOutput;
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
        if (Files.exists(stamp) && !Files.readString(stamp).strip().equals(fingerprint)) {
            AtomicOutput.deleteRecursively(dir);
        }
        Files.createDirectories(dir.resolve("units"));
        if (!Files.exists(stamp)) {
            AtomicOutput.writeString(stamp, fingerprint + "\n");
        }
        return new UnitStore(dir);
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
