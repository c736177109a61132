package io.transfab.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.design.DesignStudy;
import io.transfab.design.GdlLab;
import io.transfab.design.ParameterSpace;
import io.transfab.design.SimulatorLab;
import io.transfab.model.Progress;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.GdlFamily;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full design studies of docs/design.md ("Information-rich first experiments"): NMC -> Si-graphite,
 * 10 seeds, N = 6..30, every design and two other informative mixes, and GDL carbon paper -> felt, 10 seeds,
 * N = 6..30, the six designs; print the tables docs/design.md quotes (the same as {@code transfab study design
 * --seeds 10 --methods ...} and {@code transfab study design --lab gdl --seeds 10}). Run with -Dgroups=study.
 */
@Tag("study")
class DesignStudyFullTest {
    @Test
    void learningCurvesNmcToSiliconGraphite() {
        ParameterSpace nmc = SimulatorLab.space(Chemistry.NMC);
        ParameterSpace sig = SimulatorLab.space(Chemistry.SILICON_GRAPHITE);
        DesignStudy.Options o = new DesignStudy.Options(SimulatorLab.of(Chemistry.NMC, 1, nmc, "nmc"),
                SimulatorLab.of(Chemistry.SILICON_GRAPHITE, 1, sig, "si-graphite"),
                List.of("density_g_cm3", "porosity"), List.of(6, 12, 18, 24, 30),
                List.of(DesignStudy.Method.values()), Integer.getInteger("study.seeds", 10), 400, 300, 3, 100,
                Long.getLong("study.seed", 1));
        DesignStudy.Result r = DesignStudy.run(o, Progress.NONE);
        for (DesignStudy.Summary s : r.summaries()) {
            System.out.printf(Locale.ROOT, "N=%-3d %-26s mean %.4f median %.4f p %.4f%n", s.n(), s.method().label(),
                    s.mean(), s.median(), s.pVersusLhs());
        }
        assertThat(r.summaries()).hasSize(5 * DesignStudy.Method.values().length);
    }

    @Test
    void learningCurvesPaperToFelt() {
        List<DesignStudy.Method> methods = List.of(DesignStudy.Method.RANDOM, DesignStudy.Method.LHS,
                DesignStudy.Method.DOPT, DesignStudy.Method.EXTREMES, DesignStudy.Method.INFLECTION,
                DesignStudy.Method.INFORMATIVE);
        DesignStudy.Options o = new DesignStudy.Options(
                GdlLab.of(GdlFamily.CARBON_PAPER, 1, GdlLab.space(GdlFamily.CARBON_PAPER), "paper"),
                GdlLab.of(GdlFamily.FELT, 1, GdlLab.space(GdlFamily.FELT), "felt"),
                List.of("porosity", "permeability_tp_um2", "el_conductivity_ip_s_m"), List.of(6, 12, 18, 24, 30),
                methods, Integer.getInteger("study.seeds", 10), 400, 300, 3, 100, Long.getLong("study.seed", 1));
        DesignStudy.Result r = DesignStudy.run(o, Progress.NONE);
        for (DesignStudy.Summary s : r.summaries()) {
            System.out.printf(Locale.ROOT, "N=%-3d %-26s mean %.4f median %.4f p %.4f%n", s.n(), s.method().label(),
                    s.mean(), s.median(), s.pVersusLhs());
        }
        assertThat(r.summaries()).hasSize(5 * methods.size());
    }
}
