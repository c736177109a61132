package io.transfab.workflow;

import io.transfab.data.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of one job: a command's long option names without dashes mapped to their values (lists
 * comma-separated, flags "true"), read the way picocli reads them for the CLI. Each read records the option
 * for the job's command line, in the order the options record reads them; {@link #finish()} refuses the
 * names nobody read. File options are paths relative to the workspace and must stay inside it.
 */
final class JobParams {
    /** --seed when not given, as the CLI's CommonOptions. */
    static final long DEFAULT_SEED = 42;

    private final String kind;
    private final Map<String, String> values;
    private final Path workspace;
    private final Map<String, String> used = new LinkedHashMap<>();
    private final java.util.Set<String> read = new java.util.HashSet<>();
    private final List<Path> outputs = new ArrayList<>();

    private JobParams(String kind, Map<String, String> values, Path workspace) {
        this.kind = kind;
        this.values = values;
        this.workspace = workspace;
    }

    /**
     * @param workspace an existing directory; paths resolve against its real path
     */
    static JobParams of(String kind, Map<String, String> params, Path workspace) {
        Map<String, String> values = new TreeMap<>();
        params.forEach((k, v) -> {
            if (k == null || v == null) {
                throw DataException.option("job parameter " + k + " of " + kind + " has no value");
            }
            values.put(k.startsWith("--") ? k.substring(2) : k, v);
        });
        try {
            return new JobParams(kind, values, workspace.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException("workspace " + workspace + " cannot be read", e);
        }
    }

    String kind() {
        return kind;
    }

    Path workspace() {
        return workspace;
    }

    /** The value of {@code --name}, or null when not given. */
    String string(String name) {
        read.add(name);
        String v = values.get(name);
        if (v != null) {
            used.put(name, v);
        }
        return v;
    }

    String string(String name, String defaultValue) {
        String v = string(name);
        return v != null ? v : defaultValue;
    }

    String required(String name) {
        String v = string(name);
        if (v == null || v.isBlank()) {
            throw DataException.option("Missing required option: '--" + name + "' (" + kind + ")");
        }
        return v;
    }

    Integer integer(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw DataException.option("Invalid value for option '--" + name + "': '" + v + "' is not an int");
        }
    }

    Double number(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw DataException.option("Invalid value for option '--" + name + "': '" + v + "' is not a double");
        }
    }

    double number(String name, double defaultValue) {
        Double v = number(name);
        return v != null ? v : defaultValue;
    }

    long seed() {
        String v = string("seed");
        if (v == null) {
            return DEFAULT_SEED;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw DataException.option("Invalid value for option '--seed': '" + v + "' is not a long");
        }
    }

    /** A flag: "true" or "false" (absent: false). */
    boolean flag(String name) {
        read.add(name);
        String v = values.get(name);
        if (v == null) {
            return false;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw DataException.option("Invalid value for option '--" + name + "': '" + v + "' is not true or false");
        }
        if (t.equals("true")) {
            used.put(name, "");
        }
        return t.equals("true");
    }

    /** A comma-separated list (empty when not given), as picocli's split=",". */
    List<String> list(String name) {
        String v = string(name);
        if (v == null || v.isEmpty()) {
            return List.of();
        }
        return List.of(v.split(",", -1));
    }

    List<Integer> integers(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (String s : v.split(",", -1)) {
            try {
                out.add(Integer.valueOf(s.trim()));
            } catch (NumberFormatException e) {
                throw DataException.option("Invalid value for option '--" + name + "': '" + s + "' is not an int");
            }
        }
        return out;
    }

    /** An input path inside the workspace, or null when not given. */
    Path path(String name) {
        String v = string(name);
        return v == null ? null : inside(name, v);
    }

    Path requiredPath(String name) {
        return inside(name, required(name));
    }

    /** The job's output option: required, inside the workspace, listed in {@link #outputs()}. */
    Path output(String name) {
        String v = required(name);
        if (v.equals("-")) {
            throw DataException.option("--" + name + " - (standard output) is for the terminal; a job writes a file "
                    + "in the workspace: give a path relative to it");
        }
        Path p = inside(name, v);
        outputs.add(p);
        return p;
    }

    /**
     * {@code value} resolved against the workspace; refused when absolute, when it climbs out with
     * {@code ..}, or when its deepest existing part is a link leading out (real paths compared).
     */
    private Path inside(String name, String value) {
        Path rel;
        try {
            rel = Path.of(value);
        } catch (InvalidPathException e) {
            throw DataException.option("--" + name + " '" + value + "' is not a valid path");
        }
        Path resolved = workspace.resolve(rel).normalize();
        if (rel.isAbsolute() || !resolved.startsWith(workspace) || resolved.equals(workspace)) {
            throw outside(name, value);
        }
        Path existing = resolved;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            if (existing == null || !existing.toRealPath().startsWith(workspace)) {
                throw outside(name, value);
            }
        } catch (IOException e) {
            throw outside(name, value);
        }
        return resolved;
    }

    private static DataException outside(String name, String value) {
        return DataException.option("--" + name + " '" + value + "' is outside the workspace; give a path "
                + "relative to the workspace that stays inside it");
    }

    /** What the job writes, in the order its options were read. */
    List<Path> outputs() {
        return List.copyOf(outputs);
    }

    /** Refuses options the command does not have; then the command line of what was read. */
    List<String> finish() {
        for (String name : values.keySet()) {
            if (!read.contains(name)) {
                throw DataException.option("Unknown option: '--" + name + "' (" + kind + ")");
            }
        }
        List<String> line = new ArrayList<>(List.of("./transfab", kind));
        used.forEach((name, value) -> {
            line.add("--" + name);
            if (!value.isEmpty() || !values.get(name).trim().equalsIgnoreCase("true")) {
                line.add(value);
            }
        });
        return List.copyOf(line);
    }
}
