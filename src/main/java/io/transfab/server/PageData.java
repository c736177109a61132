package io.transfab.server;

import io.transfab.campaign.Campaign;
import io.transfab.campaign.ModelVersion;
import io.transfab.campaign.TargetScore;
import io.transfab.data.ColumnRoles;
import io.transfab.data.ColumnRoles.Role;
import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.Table;
import io.transfab.report.CurveSeries;
import io.transfab.report.Plots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the pages show that the REST API does not: a stored table's column roles (its roles file or
 * sensible defaults), saving the roles file, and a campaign's CV-error plot. Reads and writes the
 * workspace through the same data and campaign code as the CLI.
 */
final class PageData {
    /** A file or directory name inside the workspace: no separators, no leading dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,199}");
    private static final Set<String> DOMAIN_NAMES = Set.of("domain", "lab", "site", "line", "plant", "equipment");

    private final Path workspace;

    private PageData(Path workspace) {
        this.workspace = workspace.toAbsolutePath().normalize();
    }

    static PageData of(Path workspace) {
        return new PageData(workspace);
    }

    /**
     * The roles of a stored table as the Data page shows them.
     *
     * @param saved whether they come from the roles file beside the table (else they are defaults)
     * @param file the roles file, workspace-relative
     * @param roles column -> role name, in table order; a column the file leaves out is ignore
     */
    record RolesView(String table, boolean saved, String file, Map<String, String> roles) {
        RolesView {
            roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        }
    }

    /** The roles of {@code data/NAME}: its roles file when there is one, else {@link #defaultRoles}. */
    RolesView roles(String name) {
        Path file = table(name);
        Table table = CsvReader.read(file);
        Optional<ColumnRoles> saved = ColumnRoles.beside(file, table);
        ColumnRoles roles = saved.orElseGet(() -> defaultRoles(table));
        Map<String, String> byColumn = new LinkedHashMap<>();
        for (String n : table.names()) {
            byColumn.put(n, roles.roles().getOrDefault(n, Role.IGNORE).cliName());
        }
        return new RolesView("data/" + name, saved.isPresent(), "data/" + ColumnRoles.fileFor(file).getFileName(),
                byColumn);
    }

    /**
     * Roles for a table without a roles file: a column named group is the group, one named like a lab or
     * line the domain, constant columns, dates and text identifiers are ignored, the last numeric column is
     * the target and the other numeric and text columns are features. A person reviews them on the page
     * before they are saved.
     */
    static ColumnRoles defaultRoles(Table table) {
        Map<String, Role> roles = new LinkedHashMap<>();
        int lastNumeric = -1;
        for (int c = 0; c < table.columnCount(); c++) {
            if (numeric(table, c) && distinct(table, c) > 1) {
                lastNumeric = c;
            }
        }
        boolean group = false;
        boolean domain = false;
        for (int c = 0; c < table.columnCount(); c++) {
            String n = table.names().get(c);
            String lower = n.toLowerCase(Locale.ROOT);
            int distinct = distinct(table, c);
            Role r;
            if (!group && lower.equals("group")) {
                r = Role.GROUP;
                group = true;
            } else if (!domain && DOMAIN_NAMES.contains(lower)) {
                r = Role.DOMAIN;
                domain = true;
            } else if (distinct <= 1 || lower.contains("date") || lower.endsWith("_id") || lower.equals("id")) {
                r = Role.IGNORE;
            } else if (c == lastNumeric) {
                r = Role.TARGET;
            } else if (numeric(table, c)) {
                r = Role.FEATURE;
            } else {
                r = distinct == table.rowCount() ? Role.IGNORE : Role.FEATURE; // all-distinct text: an identifier
            }
            roles.put(n, r);
        }
        return new ColumnRoles(roles);
    }

    /**
     * Saves {@code roles} (column -> role name) as the roles file beside {@code data/NAME}, validated like
     * the file the CLI reads; a {@code compositions:} declaration already in the file is kept. Returns the
     * file's workspace-relative path.
     */
    String saveRoles(String name, Map<String, String> roles) throws IOException {
        Path file = table(name);
        Table table = CsvReader.read(file);
        Path rolesFile = ColumnRoles.fileFor(file);
        String source = "data/" + rolesFile.getFileName();
        Map<String, Role> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : roles.entrySet()) {
            Role r = java.util.Arrays.stream(Role.values()).filter(x -> x.cliName().equals(e.getValue())).findFirst()
                    .orElseThrow(() -> DataException.of(source, "column '" + e.getKey() + "': unknown role '"
                            + e.getValue() + "' (feature, target, group, domain, ignore)"));
            parsed.put(e.getKey(), r);
        }
        // The page edits roles only: what else the file declares (compositions:) is kept as the user wrote it.
        String composition = Files.isRegularFile(rolesFile)
                ? ColumnRoles.parse(Files.readString(rolesFile), source).composition() : null;
        ColumnRoles checked = ColumnRoles.parse(new ColumnRoles(parsed, composition).toYaml(), source);
        checked.requireColumnsOf(table, source);
        if (checked.named(Role.TARGET).isEmpty()) {
            throw DataException.of(source, "no column has the role target; mark what the model predicts");
        }
        checked.write(rolesFile);
        return source;
    }

    /** A campaign's CV-error plot as SVG markup; empty while no model version has a cross-validated score. */
    String campaignPlot(String name) throws IOException {
        Campaign.Status s = Campaign.open(campaignDir(name)).status();
        return cvPlot(s.targets(), s.versions());
    }

    /**
     * CV RMSE of each target against the recorded rows each model version was trained on (v1, v2, ... from
     * left to right), with the report package's learning-curve plot.
     */
    static String cvPlot(List<String> targets, List<ModelVersion> versions) {
        List<CurveSeries> series = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            double[] x = new double[versions.size()];
            double[] y = new double[versions.size()];
            boolean any = false;
            for (int v = 0; v < versions.size(); v++) {
                ModelVersion mv = versions.get(v);
                x[v] = mv.rows();
                TargetScore score = t < mv.scores().size() ? mv.scores().get(t) : null;
                y[v] = score == null ? Double.NaN : score.cvRmse();
                any |= Double.isFinite(y[v]);
            }
            if (any) {
                series.add(CurveSeries.of(targets.get(t), x, y));
            }
        }
        if (series.isEmpty()) {
            return "";
        }
        return Plots.learningCurves("Cross-validated RMSE of model versions v1 to v" + versions.size(), "CV RMSE", series).markup();
    }

    /** The HTML reports under {@code reports/} (as the CLI's assess, explain and demo write them), workspace-relative. */
    List<String> reports() throws IOException {
        Path dir = workspace.resolve("reports");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.walk(dir, 4)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".html") && Files.isRegularFile(p))
                    .map(p -> workspace.relativize(p).toString().replace('\\', '/'))
                    .filter(r -> List.of(r.split("/")).stream().allMatch(x -> NAME.matcher(x).matches()))
                    .sorted().toList();
        }
    }

    /** Folders whose files the pages may show. */
    private static final Set<String> READABLE = Set.of("reports", "jobs", "campaigns", "data");
    /** File types the pages may show. */
    private static final Pattern READABLE_TYPE = Pattern.compile(".*\\.(html|svg|png|json|csv|txt|log)");

    /**
     * The file at workspace-relative {@code relative} when it lies under one of the readable folders, has a
     * readable type and, after following links, is still inside the workspace; else a 404 {@link Problem}.
     */
    Path readable(String relative) throws IOException {
        List<String> parts = List.of(relative.split("/"));
        boolean plain = parts.size() >= 2 && READABLE.contains(parts.get(0))
                && parts.stream().allMatch(p -> NAME.matcher(p).matches())
                && READABLE_TYPE.matcher(parts.get(parts.size() - 1)).matches();
        Path file = workspace.resolve(relative).normalize();
        if (!plain || !file.startsWith(workspace) || !Files.isRegularFile(file)
                || !file.toRealPath().startsWith(workspace.toRealPath())) {
            throw Problem.notFound("no file " + relative + " to show in the workspace");
        }
        return file;
    }

    private Path table(String name) {
        if (!NAME.matcher(name).matches() || !name.endsWith(".csv")) {
            throw DataException.option("table name '" + name + "' must be a file name ending in .csv");
        }
        Path file = workspace.resolve("data").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw Problem.notFound("no table data/" + name + " in the workspace");
        }
        return file;
    }

    private Path campaignDir(String name) {
        if (!NAME.matcher(name).matches()) {
            throw DataException.option("campaign name '" + name + "' must be a plain directory name");
        }
        Path dir = workspace.resolve("campaigns").resolve(name);
        if (!Files.isRegularFile(dir.resolve("campaign.json"))) {
            throw Problem.notFound("no campaign campaigns/" + name + " in the workspace");
        }
        return dir;
    }

    static boolean numeric(Table table, int c) {
        boolean any = false;
        for (int i = 0; i < table.rowCount(); i++) {
            String cell = table.cell(i, c);
            if (cell.isEmpty()) {
                continue;
            }
            if (!Double.isFinite(table.number(i, c))) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static int distinct(Table table, int c) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < table.rowCount(); i++) {
            seen.add(table.cell(i, c));
        }
        return seen.size();
    }
}
