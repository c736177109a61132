package io.transfab.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: cli (and server) use workflow; workflow and the domain packages use neither. */
class WorkflowDependenciesTest {
    private static final Path MAIN = Path.of("src/main/java/io/transfab");

    @Test
    void workflowImportsNeitherTheCliNorPicocli() throws IOException {
        // Given the sources of the workflow package
        // When their imports and qualified names are read
        // Then none names the CLI, the server or picocli
        assertThat(offenders(MAIN.resolve("workflow"), "io.transfab.cli", "io.transfab.server", "picocli"))
                .isEmpty();
    }

    @Test
    void noDomainPackageUsesTheCliOrTheWorkflow() throws IOException {
        // Given every package but cli, server and workflow
        try (Stream<Path> dirs = Files.list(MAIN)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String name = dir.getFileName().toString();
                if (List.of("cli", "server", "workflow").contains(name)) {
                    continue;
                }
                // Then none of them names the layers above it
                assertThat(offenders(dir, "io.transfab.cli", "io.transfab.server", "io.transfab.workflow"))
                        .as(name).isEmpty();
            }
        }
    }

    private static List<String> offenders(Path dir, String... names) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    // code lines only: comments may name the layers that use this one
                    List<String> code = Files.readAllLines(p).stream().map(String::strip)
                            .filter(l -> !l.startsWith("*") && !l.startsWith("/*") && !l.startsWith("//")).toList();
                    return code.stream().anyMatch(l -> Stream.of(names).anyMatch(n -> l.contains(n + ".")));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
    }
}
