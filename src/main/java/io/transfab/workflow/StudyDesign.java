package io.transfab.workflow;

import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.design.DesignStudy;
import io.transfab.design.GdlLab;
import io.transfab.design.Lab;
import io.transfab.design.SimulatorLab;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.GdlFamily;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code study design}: learning curves of fine-tuning on the first N experiments of each design, with a
 * Wilcoxon comparison against LHS per N (see docs/design.md), written to a study directory.
 */
public final class StudyDesign {
    /** --properties of the electrode lab when left out. */
    public static final String ELECTRODE_PROPERTIES = "density_g_cm3,porosity";
    /** --properties of the gdl lab when left out. */
    public static final String GDL_PROPERTIES = "porosity,permeability_tp_um2,el_conductivity_ip_s_m";
    /** The learning-curve figure written into the output directory. */
    public static final String FIGURE = "curves.svg";

    private final Options options;

    private StudyDesign(Options options) {
        this.options = options;
    }

    public static StudyDesign of(Options options) {
        return new StudyDesign(options);
    }

    /**
     * The options of {@code study design}.
     *
     * @param lab        electrode or gdl
     * @param properties properties pre-trained, fine-tuned and scored, or null for the lab's defaults
     * @param methods    design labels (random, lhs, ...)
     */
    public record Options(String lab, String sourceFamily, String family, String sourceChemistry, String chemistry,
            double noise, List<String> properties, List<Integer> sizes, List<String> methods, int seeds,
            int sourceRows, int testRows, int ensemble, int epochs, Path out, boolean force, long seed) {
        public Options {
            Objects.requireNonNull(lab, "--lab");
            Objects.requireNonNull(out, "--out");
            properties = properties == null ? null : List.copyOf(properties);
            sizes = List.copyOf(sizes);
            methods = List.copyOf(methods);
            if (!lab.equals("gdl") && !lab.equals("electrode")) {
                throw DataException.option("--lab must be electrode or gdl; got '" + lab + "'");
            }
        }

        boolean gdl() {
            return lab.equals("gdl");
        }
    }

    /** The study and the summary the CLI prints. */
    public record Result(DesignStudy.Result study, List<String> summary) {
        public Result {
            summary = List.copyOf(summary);
        }
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        boolean gdl = o.gdl();
        Lab src;
        Lab tgt;
        if (gdl) {
            GdlFamily sf = GdlFamily.fromCliName(o.sourceFamily());
            GdlFamily tf = GdlFamily.fromCliName(o.family());
            src = GdlLab.of(sf, o.noise(), GdlLab.space(sf), sf.cliName() + " parameter ranges");
            tgt = GdlLab.of(tf, o.noise(), GdlLab.space(tf), tf.cliName() + " parameter ranges");
        } else {
            Chemistry sc = Chemistry.fromCliName(o.sourceChemistry());
            Chemistry tc = Chemistry.fromCliName(o.chemistry());
            src = SimulatorLab.of(sc, o.noise(), SimulatorLab.space(sc), sc.cliName() + " process window");
            tgt = SimulatorLab.of(tc, o.noise(), SimulatorLab.space(tc), tc.cliName() + " process window");
        }
        List<DesignStudy.Method> ms = new ArrayList<>();
        for (String m : o.methods()) {
            ms.add(method(m.strip()));
        }
        List<String> props = o.properties() != null ? o.properties()
                : List.of((gdl ? GDL_PROPERTIES : ELECTRODE_PROPERTIES).split(","));
        DesignStudy.Options study = new DesignStudy.Options(src, tgt, props, o.sizes(), ms, o.seeds(), o.sourceRows(),
                o.testRows(), o.ensemble(), o.epochs(), o.seed());
        OutputTarget target = Outputs.directory(o.out(), OutputKind.STUDY, o.force());
        cancellation.check();
        DesignStudy.Result r = DesignStudy.run(study, cancellation.watching(listener));
        cancellation.check();
        AtomicOutput.writeDirectory(target, dir -> {
            AtomicOutput.writeString(dir.resolve("space.yaml"), tgt.windowYaml());
            CsvWriter.write(scores(r), dir.resolve("curves.csv"));
            CsvWriter.write(summaries(r), dir.resolve("summary.csv"));
            AtomicOutput.writeString(dir.resolve(FIGURE), DesignStudy.figure(r).markup() + "\n");
        });
        List<String> summary = new ArrayList<>(Outputs.replaced(target));
        summary.addAll(text(r, src, tgt));
        summary.add("Wrote " + o.out().resolve("curves.csv") + ", summary.csv, " + FIGURE);
        return new Result(r, summary);
    }

    private static DesignStudy.Method method(String label) {
        for (DesignStudy.Method m : DesignStudy.Method.values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        throw DataException.option("unknown --methods entry '" + label + "'");
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

    private static List<String> text(DesignStudy.Result r, Lab src, Lab tgt) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Design study %s -> %s, %d seeds: mean R2 "
                + "after fine-tuning (median; Wilcoxon p against lhs)", src.name(), tgt.name(), r.options().seeds()));
        for (DesignStudy.Summary s : r.summaries()) {
            lines.add(String.format(Locale.ROOT, "  N=%-3d %-26s %s (%s)%s", s.n(), s.method().label(),
                    s.runs() == 0 ? "n/a" : num(s.mean()), num(s.median()),
                    Double.isNaN(s.pVersusLhs()) ? "" : "  p=" + num(s.pVersusLhs())));
        }
        return lines;
    }
}
