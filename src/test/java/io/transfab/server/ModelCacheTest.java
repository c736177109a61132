package io.transfab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models are loaded once, kept up to the capacity (least recently used dropped), and reloaded when model.json changes. */
class ModelCacheTest {
    @TempDir
    Path tmp;

    @Test
    void loadsOnceDropsTheLeastRecentlyUsedAndReloadsAChangedModel() throws Exception {
        // Given a workspace with models gp and a copy of it, and a cache of one model
        Path models = ServerTestSupport.workspace(tmp).resolve("models");
        copy(models.resolve("gp"), models.resolve("copy"));
        ModelCache cache = new ModelCache(models, 1);
        // When gp is asked for twice
        ModelCache.Entry first = cache.get("gp");
        ModelCache.Entry again = cache.get("gp");
        // Then it was loaded once
        assertThat(again.model()).isSameAs(first.model());
        // When another model takes the only place, gp is loaded anew
        cache.get("copy");
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("gp").model()).isNotSameAs(first.model());
        // When gp's model.json changes, it is loaded again
        ModelCache.Entry before = cache.get("gp");
        Path json = models.resolve("gp/model.json");
        Files.setLastModifiedTime(json, FileTime.fromMillis(Files.getLastModifiedTime(json).toMillis() + 5000));
        assertThat(cache.get("gp").model()).isNotSameAs(before.model());
        // And an unknown model is a 404
        assertThatThrownBy(() -> cache.get("none")).isInstanceOf(Problem.class)
                .satisfies(p -> assertThat(((Problem) p).status()).isEqualTo(404));
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
