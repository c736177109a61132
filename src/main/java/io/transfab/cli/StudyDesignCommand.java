package io.transfab.cli;

import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.design.DesignStudy;
import io.transfab.design.GdlLab;
import io.transfab.design.Lab;
import io.transfab.design.SimulatorLab;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.GdlFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code study design}: learning curves of fine-tuning on the first N experiments of each design. */
@Command(name = "design", mixinStandardHelpOptions = true, sortOptions = false, description = "Learning curves "
        + "(target R2 after fine-tuning a base pre-trained on the source chemistry or GDL family on the first N "
        + "designed target "
        + "experiments) of random, LHS, D-optimal, extremes, inflection and informative designs, with a Wilcoxon "
        + "comparison against LHS per N (see docs/design.md).")
final class StudyDesignCommand implements Callable<Integer> {
    static final String ELECTRODE_PROPERTIES = "density_g_cm3,porosity";
    static final String GDL_PROPERTIES = "porosity,permeability_tp_um2,el_conductivity_ip_s_m";

    /** The learning-curve figure written into --out. */
    static final String FIGURE = "curves.svg";

    @Option(names = "--lab", defaultValue = "electrode", description = "Simulator of the study: electrode "
            + "(--source-chemistry -> --chemistry) or gdl (--source-family -> --family, tabular parameters, no "
            + "images) (default: ${DEFAULT-VALUE}).")
    String lab;

    @Option(names = "--source-family", defaultValue = "paper", description = "GDL family the base is pre-trained "
            + "on, with --lab gdl (default: ${DEFAULT-VALUE}).")
    String sourceFamily;

    @Option(names = "--family", defaultValue = "felt", description = "Target GDL family whose parameter ranges are "
            + "designed, with --lab gdl (default: ${DEFAULT-VALUE}).")
    String family;

    @Option(names = "--source-chemistry", defaultValue = "nmc", description = "Chemistry the base is pre-trained "
            + "on (default: ${DEFAULT-VALUE}).")
    String sourceChemistry;

    @Option(names = "--chemistry", defaultValue = "si-graphite", description = "Target chemistry whose process "
            + "window is designed (default: ${DEFAULT-VALUE}).")
    String chemistry;

    @Option(names = "--noise", defaultValue = "1", description = "Simulator noise level, 0-2 (default: "
            + "${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--properties", split = ",", description = "Properties pre-trained, fine-tuned and scored "
            + "(default: " + ELECTRODE_PROPERTIES + " for the electrode lab, " + GDL_PROPERTIES + " for gdl).")
    List<String> properties;


    @Option(names = "--sizes", split = ",", defaultValue = "6,12,18,24,30", paramLabel = "N", description = "Numbers "
            + "of target experiments (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--methods", split = ",", defaultValue = "random,lhs,dopt,extremes,inflection,informative",
            description = "Designs compared: random, lhs, dopt, extremes, inflection, informative, "
                    + "informative-1/2-extremes, informative-1/2-bends (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--seeds", defaultValue = "10", paramLabel = "N", description = "Repetitions (default: "
            + "${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--source-rows", defaultValue = "400", description = "Source experiments (default: "
            + "${DEFAULT-VALUE}).")
    int sourceRows;

    @Option(names = "--test-rows", defaultValue = "300", description = "Target test points (default: "
            + "${DEFAULT-VALUE}).")
    int testRows;

    @Option(names = "--ensemble", defaultValue = "3", description = "Members of the base ensemble (default: "
            + "${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--epochs", defaultValue = "100", description = "Fine-tuning epochs; pre-training uses five "
            + "times as many (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", defaultValue = "transfab-out/study-design", paramLabel = "DIR", description = "Output "
            + "directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Lab src;
        Lab tgt;
        boolean gdl = switch (lab) {
            case "gdl" -> true;
            case "electrode" -> false;
            default -> throw io.transfab.data.DataException.option("--lab must be electrode or gdl; got '" + lab
                    + "'");
        };
        if (gdl) {
            GdlFamily sf = GdlFamily.fromCliName(sourceFamily);
            GdlFamily tf = GdlFamily.fromCliName(family);
            src = GdlLab.of(sf, noise, GdlLab.space(sf), sf.cliName() + " parameter ranges");
            tgt = GdlLab.of(tf, noise, GdlLab.space(tf), tf.cliName() + " parameter ranges");
        } else {
            Chemistry sc = Chemistry.fromCliName(sourceChemistry);
            Chemistry tc = Chemistry.fromCliName(chemistry);
            src = SimulatorLab.of(sc, noise, SimulatorLab.space(sc), sc.cliName() + " process window");
            tgt = SimulatorLab.of(tc, noise, SimulatorLab.space(tc), tc.cliName() + " process window");
        }
        List<DesignStudy.Method> ms = new ArrayList<>();
        for (String m : methods) {
            ms.add(method(m.strip()));
        }
        List<String> props = properties != null ? properties
                : List.of((gdl ? GDL_PROPERTIES : ELECTRODE_PROPERTIES).split(","));
        DesignStudy.Options o = new DesignStudy.Options(src, tgt, props, sizes, ms, seeds, sourceRows, testRows,
                ensemble, epochs, common.seed);
        OutputTarget target = output.directory(out, OutputKind.STUDY);
        ProgressBar bar = common.progress();
        DesignStudy.Result r = DesignStudy.run(o, bar);
        bar.finishLine();
        AtomicOutput.writeDirectory(target, dir -> {
            AtomicOutput.writeString(dir.resolve("space.yaml"), tgt.windowYaml());
            CsvWriter.write(scores(r), dir.resolve("curves.csv"));
            CsvWriter.write(summaries(r), dir.resolve("summary.csv"));
            AtomicOutput.writeString(dir.resolve(FIGURE), DesignStudy.figure(r).markup() + "\n");
        });
        OutputOptions.printReplaced(target, System.out);
        System.out.print(text(r, src, tgt));
        System.out.println("Wrote " + out.resolve("curves.csv") + ", summary.csv, " + FIGURE);
        return 0;
    }

    private static DesignStudy.Method method(String label) {
        for (DesignStudy.Method m : DesignStudy.Method.values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        throw io.transfab.data.DataException.option("unknown --methods entry '" + label + "'");
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static Table scores(DesignStudy.Result r) {
        List<String> names = List.of("method", "n", "seed", "r2");
        List<List<String>> rows = new ArrayList<>();
        for (DesignStudy.Score s : r.scores()) {
            rows.add(List.of(s.method().label(), Integer.toString(s.n()), Integer.toString(s.seed()), num(s.r2())));
        }
        return Table.of("curves", names, Collections.nCopies(names.size(), ""), rows);
    }

    private static Table summaries(DesignStudy.Result r) {
        List<String> names = List.of("method", "n", "runs", "mean_r2", "median_r2", "p_vs_lhs",
                "median_diff_vs_lhs");
        List<List<String>> rows = new ArrayList<>();
        for (DesignStudy.Summary s : r.summaries()) {
            rows.add(List.of(s.method().label(), Integer.toString(s.n()), Integer.toString(s.runs()), num(s.mean()),
                    num(s.median()), num(s.pVersusLhs()), num(s.medianDifference())));
        }
        return Table.of("summary", names, Collections.nCopies(names.size(), ""), rows);
    }

    private static String text(DesignStudy.Result r, Lab src, Lab tgt) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Design study %s -> %s, %d seeds: mean R2 "
                + "after fine-tuning (median; Wilcoxon p against lhs)%n", src.name(), tgt.name(),
                r.options().seeds()));
        for (DesignStudy.Summary s : r.summaries()) {
            sb.append(String.format(Locale.ROOT, "  N=%-3d %-26s %s (%s)%s%n", s.n(), s.method().label(),
                    s.runs() == 0 ? "n/a" : num(s.mean()), num(s.median()),
                    Double.isNaN(s.pVersusLhs()) ? "" : "  p=" + num(s.pVersusLhs())));
        }
        return sb.toString();
    }
}
