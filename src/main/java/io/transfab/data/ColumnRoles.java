package io.transfab.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The role of each column of a table, as kept in the roles file beside it ({@code x.csv} ->
 * {@code x.roles.yaml}), so that the features a model learns from are always chosen by a person
 * and never default to "every other column" (which silently trains on measured properties).
 * Columns the file does not name are left out. Command-line options override the file.
 *
 * <pre>
 * columns:
 *   roll_temp_c: feature
 *   cal_density_g_cm3: target
 *   group: group
 * </pre>
 *
 * An optional {@code compositions:} declares the feature columns that are parts of a whole
 * (turned into log-ratio coordinates, see {@code model.Compositions}), as a list of groups, or
 * switches their detection off:
 * <pre>
 * compositions:
 *   - [ni_frac, mn_frac, co_frac]
 * compositions: off
 * </pre>
 *
 * @param composition the declaration in the form of {@code --composition} ({@code off},
 *                    {@code auto} or groups {@code a+b+c;d+e+f}); null when the file has none
 */
public record ColumnRoles(Map<String, Role> roles, String composition) {
    /** What a column is for. */
    public enum Role implements CliNamed {
        /** A manufacturing parameter the model reads. */
        FEATURE,
        /** A measured property the model predicts. */
        TARGET,
        /** Rows sharing its value never sit on both sides of a split (assess --groups). */
        GROUP,
        /** Names each row's lab, line or equipment (--domain). */
        DOMAIN,
        /** Left out (ids, notes, later measurements). */
        IGNORE;

        @Override
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The suffix replacing a table's extension. */
    public static final String SUFFIX = ".roles.yaml";

    public ColumnRoles {
        roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    /** Roles without a composition declaration. */
    public ColumnRoles(Map<String, Role> roles) {
        this(roles, null);
    }

    /** The groups of the declaration, each a list of columns (empty for off, auto or none). */
    public List<List<String>> compositionGroups() {
        if (composition == null || composition.equals("off") || composition.equals("auto")) {
            return List.of();
        }
        return java.util.Arrays.stream(composition.split(";")).map(g -> List.of(g.split("\\+"))).toList();
    }

    /** The roles file that belongs to {@code table}: its name with the extension replaced by {@value #SUFFIX}. */
    public static Path fileFor(Path table) {
        String name = table.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return table.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + SUFFIX);
    }

    /** The roles file beside {@code table}, validated against it, when there is one. */
    public static Optional<ColumnRoles> beside(Path table, Table columns) {
        Path file = fileFor(table);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ColumnRoles roles = read(file);
        roles.requireColumnsOf(columns, file.toString());
        return Optional.of(roles);
    }

    /** Reads a roles file; a malformed file, an unknown role or a repeated column is a {@link DataException}. */
    public static ColumnRoles read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw DataException.of(file.toString(), "cannot be read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    /** Parses roles YAML; {@code source} names the file in error messages. */
    public static ColumnRoles parse(String yaml, String source) {
        JsonNode root;
        try {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw DataException.of(source, "not a valid roles file: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        JsonNode columns = root == null ? null : root.get("columns");
        int keys = root != null && root.isObject() && root.has("compositions") ? 2 : 1;
        if (root == null || !root.isObject() || root.size() != keys || columns == null || !columns.isObject()) {
            throw DataException.of(source, "expected one mapping 'columns:' of column name -> role ("
                    + CliNamed.names(Role.class) + "), and optionally 'compositions:'");
        }
        String composition = keys == 2 ? composition(root.get("compositions"), source) : null;
        Map<String, Role> roles = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = columns.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw DataException.of(source, "column '" + e.getKey() + "': role must be one of "
                        + CliNamed.names(Role.class));
            }
            try {
                roles.put(e.getKey(), CliNamed.parse(Role.class, e.getValue().asText(), "role"));
            } catch (DataException bad) {
                throw DataException.of(source, "column '" + e.getKey() + "': " + bad.getMessage());
            }
        }
        ColumnRoles parsed = new ColumnRoles(roles, composition);
        for (Role single : List.of(Role.GROUP, Role.DOMAIN)) {
            if (parsed.named(single).size() > 1) {
                throw DataException.of(source, "more than one " + single.cliName() + " column ("
                        + String.join(", ", parsed.named(single)) + "); keep one");
            }
        }
        return parsed;
    }

    /** {@code compositions:} as text: off, auto, or a list of groups (each a list of columns or 'a+b+c'). */
    private static String composition(JsonNode node, String source) {
        String bad = "compositions: expected off, auto or a list of groups of columns, e.g. "
                + "[[ni_frac, mn_frac, co_frac]]";
        if (node.isTextual() && (node.asText().equals("off") || node.asText().equals("auto"))) {
            return node.asText();
        }
        if (node.isBoolean() && !node.asBoolean()) { // YAML 1.1 reads a bare off as false
            return "off";
        }
        if (!node.isArray() || node.isEmpty()) {
            throw DataException.of(source, bad);
        }
        List<String> groups = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode g : node) {
            List<String> cols = new java.util.ArrayList<>();
            if (g.isTextual()) {
                java.util.Arrays.stream(g.asText().split("\\+")).map(String::strip).forEach(cols::add);
            } else if (g.isArray()) {
                g.forEach(c -> cols.add(c.asText().strip()));
            }
            if (cols.size() < 2 || cols.stream().anyMatch(String::isEmpty)) {
                throw DataException.of(source, bad + " (a group needs at least 2 columns)");
            }
            for (String c : cols) {
                if (!seen.add(c)) {
                    throw DataException.of(source, "compositions: column '" + c + "' is in two groups");
                }
            }
            groups.add(String.join("+", cols));
        }
        return String.join(";", groups);
    }

    /** Every column the file names must be a column of {@code table}. */
    public void requireColumnsOf(Table table, String file) {
        for (String c : compositionGroups().stream().flatMap(List::stream).toList()) {
            if (!table.has(c)) {
                throw DataException.of(file, "compositions: column '" + c + "' is not in " + table.source()
                        + " (columns: " + String.join(", ", table.names()) + ")");
            }
        }
        for (String c : roles.keySet()) {
            if (!table.has(c)) {
                throw DataException.of(file, "column '" + c + "' is not in " + table.source() + " (columns: "
                        + String.join(", ", table.names()) + ")");
            }
        }
    }

    /** The columns with {@code role}, in file order. */
    public List<String> named(Role role) {
        return roles.entrySet().stream().filter(e -> e.getValue() == role).map(Map.Entry::getKey).toList();
    }

    /** The one column with {@code role} (group, domain), if any. */
    public Optional<String> single(Role role) {
        List<String> n = named(role);
        return n.isEmpty() ? Optional.empty() : Optional.of(n.get(0));
    }

    /** The YAML text {@link #parse} reads back. */
    public String toYaml() {
        StringBuilder sb = new StringBuilder("# transfab column roles: " + CliNamed.names(Role.class)
                + "; columns not named here are left out\ncolumns:\n");
        for (Map.Entry<String, Role> e : roles.entrySet()) {
            sb.append("  ").append(quoted(e.getKey())).append(": ").append(e.getValue().cliName()).append('\n');
        }
        if (composition != null) {
            sb.append("compositions:");
            if (compositionGroups().isEmpty()) {
                sb.append(" \"").append(composition).append("\"\n");
            } else {
                sb.append('\n');
                for (List<String> g : compositionGroups()) {
                    sb.append("  - [").append(String.join(", ", g.stream().map(ColumnRoles::quoted).toList()))
                            .append("]\n");
                }
            }
        }
        return sb.toString();
    }

    /** Writes the file atomically (a role picker saving beside a table). */
    public void write(Path file) throws IOException {
        AtomicOutput.writeString(file, toYaml());
    }

    private static String quoted(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_.\\-]*") ? name
                : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
