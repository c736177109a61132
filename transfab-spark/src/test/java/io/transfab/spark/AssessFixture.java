package io.transfab.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.cli.Main;
import io.transfab.data.CsvWriter;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small assessment (NMC source, silicon-graphite target) run through the CLI, for executor comparisons. */
final class AssessFixture {
    static final String FEATURES = "am_wt_pct,cb_binder_ratio,solid_content_wt_pct,comma_gap_um,"
            + "coating_speed_m_min,drying_temp_c,calender_line_load_n_mm";

    private AssessFixture() {
    }

    static void write(Path dir) throws Exception {
        Table source = ElectrodeSimulator.of(Chemistry.NMC).simulate(200, 1);
        Table target = ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE).simulate(15, 2);
        CsvWriter.write(source, dir.resolve("source.csv"));
        CsvWriter.write(target, dir.resolve("target.csv"));
    }

    /** assess with 5 units (2 draws of 6 rows, 3 folds) x ridge and full fine-tuning, plus {@code extra}. */
    static SparkAssessTest.Run assess(Path tables, Path out, String... extra) {
        return assessWith(tables, out, "6", "ridge,full", extra);
    }

    /** The arguments of {@link #assess(Path, Path, String...)} (a spark-submit test passes them to the driver). */
    static List<String> arguments(Path tables, Path out) {
        return arguments(tables, out, "6", "ridge,full");
    }

    /** The same assessment with other {@code --sizes} and {@code --methods}. */
    static SparkAssessTest.Run assessWith(Path tables, Path out, String sizes, String methods, String... extra) {
        List<String> args = arguments(tables, out, sizes, methods);
        args.addAll(List.of(extra));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = Main.run(args.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        return new SparkAssessTest.Run(status, o.toString(), e.toString());
    }

    private static List<String> arguments(Path tables, Path out, String sizes, String methods) {
        return new ArrayList<>(List.of("assess", "--source", tables.resolve("source.csv").toString(),
                "--target", tables.resolve("target.csv").toString(), "--features", FEATURES, "--targets",
                "density_g_cm3", "--sizes", sizes, "--repeats", "2", "--folds", "3", "--methods", methods,
                "--baseline", "ridge", "--ensemble", "1", "--jobs", "2", "--seed", "7", "--quiet", "--out",
                out.toString()));
    }

    static String metricsWithoutTimingAndExecutor(Path out) throws Exception {
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        root.remove("trainingSeconds");
        root.remove("executor");
        return Json.MAPPER.writeValueAsString(root);
    }
}
