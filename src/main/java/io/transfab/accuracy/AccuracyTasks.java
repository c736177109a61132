package io.transfab.accuracy;

import io.transfab.data.ColumnRoles;
import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

/**
 * The tasks of the comparison (issue 13), by name. Real tables are read from a folder holding the
 * public tables of {@code examples/} (their roles files name features and targets); simulated tasks
 * come from {@link CorruptedSimulations}.
 */
public final class AccuracyTasks {
    /** Every task name, in the order of the docs' table. */
    public static final List<String> NAMES = List.of("concrete-age", "concrete-superplasticizer", "wmg-conditions",
            "wmg-halfcells", "electrode-corrupted", "gdl-corrupted", "electrode-clean");
    /** Draw sizes of issue 13. */
    public static final List<Integer> SIZES = List.of(10, 20, 40);

    static final String CONCRETE = "uci_concrete_compressive_strength.csv";
    static final String CONDITIONS = "wmg_nmc622_calendering_conditions.csv";
    static final String HALFCELLS = "wmg_nmc622_halfcells.csv";
    /** Concrete is tested at 28 days by convention; older specimens are the target. */
    static final double CONCRETE_AGE_DAYS = 28;
    /** Folds of the grouped CV over the 18 calendering conditions (3 conditions per fold, as docs/assess.md). */
    static final int WMG_FOLDS = 6;

    private static final String WMG_CONDITIONS = "WMG NMC622 calendering, 18 conditions: 6-fold CV grouped by "
            + "condition, no source; the roles file's 5 inputs -> density after calendering";

    private AccuracyTasks() {
    }

    /** The task called {@code name}; real tables are read from {@code tables}. */
    public static AccuracyTask of(String name, Path tables, long seed) {
        return switch (name) {
            case "concrete-age" -> concrete(tables, "concrete-age", "age_day", a -> a <= CONCRETE_AGE_DAYS,
                    "UCI concrete (1030 mixes): source = the 749 mixes tested at age <= 28 days, target = the 281 "
                            + "tested later (56-365 days); 8 mix and age inputs -> compressive strength");
            case "concrete-superplasticizer" -> concrete(tables, name, "superplasticizer_kg_m3", s -> s == 0,
                    "UCI concrete: source = the 379 mixes without superplasticizer, target = the 651 with it; "
                            + "8 mix and age inputs -> compressive strength");
            case "wmg-conditions" -> grouped(tables.resolve(CONDITIONS), name, "cal_density_g_cm3", WMG_CONDITIONS);
            case "wmg-halfcells" -> grouped(tables.resolve(HALFCELLS), name, "grav_dis_1c_mahg",
                    "WMG NMC622 half-cells, 54 cells of 18 conditions: 6-fold CV grouped by condition, no "
                            + "source; the roles file's 4 inputs -> 1C gravimetric discharge capacity");
            case "electrode-corrupted" -> CorruptedSimulations.electrode(seed);
            case "gdl-corrupted" -> CorruptedSimulations.gdl(seed);
            case "electrode-clean" -> CorruptedSimulations.electrodeClean(seed);
            default -> throw DataException.option("--tasks: unknown task '" + name + "'; tasks are: "
                    + String.join(", ", NAMES));
        };
    }

    private static AccuracyTask concrete(Path tables, String name, String splitColumn, DoublePredicate isSource,
            String description) {
        Path file = tables.resolve(CONCRETE);
        Table t = CsvReader.read(file);
        ColumnRoles roles = ColumnRoles.read(ColumnRoles.fileFor(file));
        Dataset all = Dataset.of(t, Schema.infer(t, roles.named(ColumnRoles.Role.FEATURE),
                roles.named(ColumnRoles.Role.TARGET), List.of()));
        int c = t.indexOf(splitColumn);
        List<Integer> src = new ArrayList<>();
        List<Integer> tgt = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            (isSource.test(t.number(r, c)) ? src : tgt).add(r);
        }
        return new AccuracyTask(name, description, all.subset(ints(src)), all.subset(ints(tgt)), List.of(), SIZES,
                0);
    }

    private static AccuracyTask grouped(Path file, String name, String target, String description) {
        return grouped(CsvReader.read(file), ColumnRoles.read(ColumnRoles.fileFor(file)), name, target, description);
    }

    /**
     * The WMG calendering conditions as the jar carries them (a copy of examples/, CC0), for the demo:
     * 6-fold CV grouped by condition, density after calendering.
     */
    public static AccuracyTask embeddedWmgConditions() {
        String csv = resource(CONDITIONS);
        String roles = resource(CONDITIONS.replace(".csv", ColumnRoles.SUFFIX));
        return grouped(CsvReader.parse(CONDITIONS, csv), ColumnRoles.parse(roles, CONDITIONS), "wmg-conditions",
                "cal_density_g_cm3", WMG_CONDITIONS);
    }

    private static String resource(String name) {
        try (var in = AccuracyTasks.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the resource " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static AccuracyTask grouped(Table t, ColumnRoles roles, String name, String target, String description) {
        String file = t.source();
        Dataset all = Dataset.of(t, Schema.infer(t, roles.named(ColumnRoles.Role.FEATURE), List.of(target),
                List.of()));
        String groupColumn = roles.single(ColumnRoles.Role.GROUP).orElseThrow(() -> DataException.of(file,
                "the roles file names no group column"));
        int g = t.indexOf(groupColumn);
        List<String> groups = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            groups.add(t.cell(r, g).strip().toLowerCase(Locale.ROOT));
        }
        return new AccuracyTask(name, description, null, all, groups, List.of(), WMG_FOLDS);
    }

    static int[] ints(List<Integer> v) {
        return v.stream().mapToInt(Integer::intValue).toArray();
    }
}
