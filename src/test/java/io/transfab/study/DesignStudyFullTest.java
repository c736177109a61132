package io.transfab.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.design.DesignStudy;
import io.transfab.design.ParameterSpace;
import io.transfab.design.SimulatorLab;
import io.transfab.model.Progress;
import io.transfab.simulate.Chemistry;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full design study of docs/design.md ("Information-rich first experiments"): NMC -> Si-graphite,
 * 10 seeds, N = 6..30, every design and two other informative mixes; prints the table docs/design.md quotes
 * (the same as {@code transfab study design --seeds 10 --methods ...}). Run with -Dgroups=study.
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
}
