package io.transfab.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The server's directory of ordinary transfab files, so that the CLI and the server read each
 * other's work: {@code data/} (uploaded tables), {@code models/NAME/} (model directories, also ones
 * copied there by hand), {@code campaigns/NAME/} and {@code jobs/ID/}.
 */
public final class Workspace {
    /** Names of models, campaigns, tables and jobs: one path segment, no dot first (so never "..", never hidden). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    /** The workspace at {@code dir}, creating it and its four folders when missing. */
    public static Workspace open(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        for (String sub : new String[] {"data", "models", "campaigns", "jobs"}) {
            Files.createDirectories(root.resolve(sub));
        }
        return new Workspace(root.toRealPath());
    }

    public Path root() {
        return root;
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path models() {
        return root.resolve("models");
    }

    public Path campaigns() {
        return root.resolve("campaigns");
    }

    public Path jobs() {
        return root.resolve("jobs");
    }

    /** Whether {@code name} can name a file or folder of the workspace (one safe path segment). */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** {@code name} checked as one safe path segment; anything else is a 400 naming {@code what}. */
    public static String requireName(String name, String what) {
        if (!isName(name)) {
            throw Problem.badRequest(what + " '" + name + "' is not a valid name: use letters, digits, '.', '_' "
                    + "and '-' (not first), at most 128 characters");
        }
        return name;
    }

    /** {@code dir.resolve(name)} of an existing directory, else 404 naming {@code what}. */
    static Path existingDir(Path dir, String name, String what) {
        Path p = dir.resolve(requireName(name, what));
        if (!Files.isDirectory(p)) {
            throw Problem.notFound("no " + what + " '" + name + "' in " + dir.getFileName() + "/ of the workspace");
        }
        return p;
    }
}
