package io.transfab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns one command uses: what its options name, else what the table's roles file
 * ({@link ColumnRoles}) says. Without either there are no features, and {@link Schema#infer}
 * refuses rather than guessing.
 *
 * @param ignore columns left out of the candidates a refusal lists (--ignore, group, domain)
 * @param group  the grouping column, or null
 * @param domain the domain column, or null
 * @param roles  the roles file the choice came from, or null
 */
public record ColumnChoice(List<String> features, List<String> targets, List<String> ignore, String group,
        String domain, Path roles) {
    public ColumnChoice {
        features = List.copyOf(features);
        targets = List.copyOf(targets);
        ignore = List.copyOf(ignore);
    }

    /** A table's rows without the incomplete ones, and how many were dropped. */
    public record Completed(Table table, int dropped, List<Integer> droppedLines) {
        public Completed {
            droppedLines = List.copyOf(droppedLines);
        }
    }

    /**
     * Options first (each non-empty option replaces the file's role), the roles file beside
     * {@code tablePath} for what they leave open.
     */
    public static ColumnChoice of(Path tablePath, Table table, List<String> features, List<String> targets,
            List<String> ignore, String group, String domain) {
        ColumnRoles file = tablePath == null ? null : ColumnRoles.beside(tablePath, table).orElse(null);
        List<String> f = features;
        List<String> t = targets;
        String g = group;
        String d = domain;
        List<String> ign = new ArrayList<>(ignore);
        if (file != null) {
            f = f.isEmpty() ? file.named(ColumnRoles.Role.FEATURE) : f;
            t = t.isEmpty() ? file.named(ColumnRoles.Role.TARGET) : t;
            g = g != null ? g : file.single(ColumnRoles.Role.GROUP).orElse(null);
            d = d != null ? d : file.single(ColumnRoles.Role.DOMAIN).orElse(null);
            ign.addAll(file.named(ColumnRoles.Role.IGNORE));
        }
        for (String other : new String[] {g, d}) {
            if (other != null && !ign.contains(other)) {
                ign.add(other);
            }
        }
        return new ColumnChoice(f, t, ign, g, d, file == null ? null : ColumnRoles.fileFor(tablePath));
    }

    /** Features, targets, group and domain: the columns whose cells the command reads. */
    public List<String> used() {
        Set<String> used = new LinkedHashSet<>(features);
        used.addAll(targets);
        if (group != null) {
            used.add(group);
        }
        if (domain != null) {
            used.add(domain);
        }
        return List.copyOf(used);
    }

    /** The rows of {@code table} without a blank cell in any {@link #used()} column that it has. */
    public Completed dropIncomplete(Table table) {
        List<Integer> columns = new ArrayList<>();
        for (String c : used()) {
            if (table.has(c)) {
                columns.add(table.indexOf(c));
            }
        }
        List<Integer> keep = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            boolean complete = true;
            for (int c : columns) {
                complete &= !table.cell(r, c).isBlank();
            }
            if (complete) {
                keep.add(r);
            } else {
                dropped.add(table.line(r));
            }
        }
        if (dropped.isEmpty()) {
            return new Completed(table, 0, List.of());
        }
        return new Completed(table.select(keep.stream().mapToInt(Integer::intValue).toArray()), dropped.size(),
                dropped);
    }
}
