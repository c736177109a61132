package io.transfab.server;

import io.transfab.campaign.Campaign;
import io.transfab.campaign.ModelVersion;
import io.transfab.campaign.Round;
import io.transfab.campaign.TargetScore;
import io.transfab.data.ColumnRoles;
import io.transfab.data.ColumnRoles.Role;
import io.transfab.data.CsvReader;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.Table;
import io.transfab.report.CurveSeries;
import io.transfab.report.Plots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Stream;

/**
 * What the pages show that the REST API does not: a stored table's preview with default column roles,
 * saving a table's roles file, and a campaign's status with its CV-error plot. Reads and writes the
 * workspace through the same data and campaign code as the CLI.
 */
final class PageData {
    /** Rows shown in a table preview. */
    static final int PREVIEW_ROWS = 8;
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

    /** One column of a preview: its unit, whether every filled cell is a number, and its role. */
    record ColumnInfo(String name, String unit, boolean numeric, String role) {
    }

    /**
     * A stored table as the Data page shows it.
     *
     * @param rolesSaved whether {@code roles} come from the roles file beside the table (else they are defaults)
     */
    record TablePreview(String name, String path, String delimiter, boolean decimalComma, int rows,
            List<ColumnInfo> columns, List<List<String>> firstRows, boolean rolesSaved, String rolesFile) {
        TablePreview {
            columns = List.copyOf(columns);
            firstRows = List.copyOf(firstRows);
        }
    }

    /** The CSV tables under {@code data/}, by name. */
    List<String> tables() throws IOException {
        return names(workspace.resolve("data"), p -> Files.isRegularFile(p) && p.toString().endsWith(".csv"));
    }

    /** The campaign directories under {@code campaigns/}, by name. */
    List<String> campaigns() throws IOException {
        return names(workspace.resolve("campaigns"), p -> Files.isRegularFile(p.resolve("campaign.json")));
    }

    private static List<String> names(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(keep).map(p -> p.getFileName().toString()).filter(n -> NAME.matcher(n).matches())
                    .sorted().toList();
        }
    }

    /** The preview of {@code data/NAME}: delimiter, decimal comma, units, first rows and roles. */
    TablePreview preview(String name) throws IOException {
        Path file = table(name);
        Table table = CsvReader.read(file);
        String firstLine;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            firstLine = lines.findFirst().orElse("");
        } catch (java.io.UncheckedIOException e) {
            firstLine = ""; // UTF-16 tables: the reader decoded them; the delimiter falls back to comma
        }
        Optional<ColumnRoles> saved = ColumnRoles.beside(file, table);
        ColumnRoles roles = saved.orElseGet(() -> defaultRoles(table));
        List<ColumnInfo> columns = new ArrayList<>();
        for (int c = 0; c < table.columnCount(); c++) {
            String n = table.names().get(c);
            Role r = roles.roles().getOrDefault(n, Role.IGNORE);
            columns.add(new ColumnInfo(n, table.units().get(c), numeric(table, c), r.cliName()));
        }
        List<List<String>> first = new ArrayList<>();
        for (int i = 0; i < Math.min(PREVIEW_ROWS, table.rowCount()); i++) {
            first.add(table.row(i));
        }
        return new TablePreview(name, "data/" + name, delimiterName(CsvReader.detectDelimiter(firstLine)),
                table.decimalComma(), table.rowCount(), columns, first, saved.isPresent(),
                "data/" + ColumnRoles.fileFor(file).getFileName());
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
     * the file the CLI reads; returns the file's workspace-relative path.
     */
    String saveRoles(String name, Map<String, String> roles) throws IOException {
        Path file = table(name);
        Table table = CsvReader.read(file);
        Path rolesFile = ColumnRoles.fileFor(file);
        String source = "data/" + rolesFile.getFileName();
        Map<String, Role> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : roles.entrySet()) {
            Role r = Stream.of(Role.values()).filter(x -> x.cliName().equals(e.getValue())).findFirst()
                    .orElseThrow(() -> DataException.of(source, "column '" + e.getKey() + "': unknown role '"
                            + e.getValue() + "' (feature, target, group, domain, ignore)"));
            parsed.put(e.getKey(), r);
        }
        ColumnRoles checked = ColumnRoles.parse(new ColumnRoles(parsed).toYaml(), source);
        checked.requireColumnsOf(table, source);
        if (checked.named(Role.TARGET).isEmpty()) {
            throw DataException.of(source, "no column has the role target; mark what the model predicts");
        }
        checked.write(rolesFile);
        return source;
    }

    /** A campaign's status, its CV-error plot (SVG markup, empty without a scored version) and its rounds. */
    record CampaignView(String name, List<String> targets, int results, List<Campaign.RoundStatus> rounds,
            List<ModelVersion> versions, String plotSvg, int latestRound) {
        CampaignView {
            targets = List.copyOf(targets);
            rounds = List.copyOf(rounds);
            versions = List.copyOf(versions);
        }
    }

    CampaignView campaign(String name) throws IOException {
        Campaign c = Campaign.open(campaignDir(name));
        Campaign.Status s = c.status();
        int latest = s.rounds().stream().mapToInt(Campaign.RoundStatus::round).max().orElse(0);
        return new CampaignView(name, s.targets(), s.results(), s.rounds(), s.versions(),
                cvPlot(s.targets(), s.versions()), latest);
    }

    /** CV RMSE of each target against the model version, with the report package's line plot. */
    static String cvPlot(List<String> targets, List<ModelVersion> versions) {
        List<CurveSeries> series = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            double[] x = new double[versions.size()];
            double[] y = new double[versions.size()];
            boolean any = false;
            for (int v = 0; v < versions.size(); v++) {
                ModelVersion mv = versions.get(v);
                x[v] = mv.version();
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
        return Plots.learningCurves("Cross-validated RMSE per model version", "CV RMSE", series).markup();
    }

    /** The suggestions of round {@code round} as CSV text, as {@code campaign suggest} wrote them. */
    String suggestions(String name, int round) throws IOException {
        Campaign c = Campaign.open(campaignDir(name));
        List<Round> rounds = c.store().rounds();
        if (rounds.stream().noneMatch(r -> r.round() == round)) {
            throw DataException.option("campaign " + name + " has no round " + round);
        }
        return CsvWriter.toCsv(c.store().suggestions(round));
    }

    /** Records measured results (CSV text) in a campaign, as {@code campaign record} does. */
    Campaign.Recorded record(String name, String fileName, String csv) throws IOException {
        Campaign c = Campaign.open(campaignDir(name));
        return c.record(CsvReader.parse(fileName, csv));
    }

    /** Folders whose files the pages may show. */
    private static final Set<String> READABLE = Set.of("reports", "jobs", "campaigns", "data");
    /** File types the pages may show. */
    private static final Pattern READABLE_TYPE = Pattern.compile(".*\\.(html|svg|png|json|csv|txt|log)");

    /**
     * The file at workspace-relative {@code relative} when it lies under one of the readable folders, has a
     * readable type and, after following links, is still inside the workspace; else {@link NotFound}.
     */
    Path readable(String relative) throws IOException {
        List<String> parts = List.of(relative.split("/"));
        boolean plain = parts.size() >= 2 && READABLE.contains(parts.get(0))
                && parts.stream().allMatch(p -> NAME.matcher(p).matches())
                && READABLE_TYPE.matcher(parts.get(parts.size() - 1)).matches();
        Path file = workspace.resolve(relative).normalize();
        if (!plain || !file.startsWith(workspace) || !Files.isRegularFile(file)
                || !file.toRealPath().startsWith(workspace.toRealPath())) {
            throw new NotFound("no file " + relative + " to show in the workspace");
        }
        return file;
    }

    private Path table(String name) {
        if (!NAME.matcher(name).matches() || !name.endsWith(".csv")) {
            throw DataException.option("table name '" + name + "' must be a file name ending in .csv");
        }
        Path file = workspace.resolve("data").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new NotFound("no table data/" + name + " in the workspace");
        }
        return file;
    }

    private Path campaignDir(String name) {
        if (!NAME.matcher(name).matches()) {
            throw DataException.option("campaign name '" + name + "' must be a plain directory name");
        }
        Path dir = workspace.resolve("campaigns").resolve(name);
        if (!Files.isRegularFile(dir.resolve("campaign.json"))) {
            throw new NotFound("no campaign campaigns/" + name + " in the workspace");
        }
        return dir;
    }

    /** A named table or campaign that is not in the workspace (HTTP 404). */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    static String delimiterName(char d) {
        return switch (d) {
            case '\t' -> "tab";
            case ';' -> ";";
            default -> ",";
        };
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
