package io.transfab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** The saved-model fixture folders under {@code src/test/resources/fixtures}, and writable copies of them. */
public final class ModelFixtures {
    private ModelFixtures() {
    }

    /** The folder of a fixture set, e.g. {@code "models-v3"}. */
    public static Path set(String name) {
        try {
            return Paths.get(ModelFixtures.class.getResource("/fixtures/" + name + "/README.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the model directory {@code name} of fixture set {@code set} to {@code into/name}; returns the copy. */
    public static Path copy(String set, String name, Path into) throws IOException {
        Path from = set(set).resolve(name);
        Path to = into.resolve(name);
        List<Path> all;
        try (Stream<Path> s = Files.walk(from)) {
            all = s.sorted().toList();
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            try {
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return to;
    }
}
