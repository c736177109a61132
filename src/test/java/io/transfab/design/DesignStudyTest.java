package io.transfab.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.Progress;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.GdlFamily;
import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.junit.jupiter.api.Test;

/**
 * The CI version of {@code study design}: NMC -> Si-graphite, 3 seeds, N = 6 and 12, and GDL paper -> felt, one
 * seed at N = 6 (full: DesignStudyFullTest).
 */
class DesignStudyTest {
    static DesignStudy.Options small(List<Integer> sizes, List<DesignStudy.Method> methods, int seeds, long seed) {
        return new DesignStudy.Options(
                SimulatorLab.of(Chemistry.NMC, 1, SimulatorLab.space(Chemistry.NMC), "nmc"),
                SimulatorLab.of(Chemistry.SILICON_GRAPHITE, 1, SimulatorLab.space(Chemistry.SILICON_GRAPHITE), "sig"),
                List.of("density_g_cm3", "porosity"), sizes, methods, seeds, 200, 200, 2, 60, seed);
    }

    @Test
    void learningCurvesOfEveryDesignWithWilcoxonAgainstLhs() {
        // Given the small study over all six designs
        List<DesignStudy.Method> methods = List.of(DesignStudy.Method.RANDOM, DesignStudy.Method.LHS,
                DesignStudy.Method.DOPT, DesignStudy.Method.EXTREMES, DesignStudy.Method.INFLECTION,
                DesignStudy.Method.INFORMATIVE);
        // When it runs
        DesignStudy.Result r = DesignStudy.run(small(List.of(6, 12), methods, 3, 1), Progress.NONE);
        // Then every method has a score per seed and N (D-optimal none below the 8 terms of the linear model),
        // fine-tuning transfers (R2 well above 0), and each method but LHS has a Wilcoxon p-value per N
        assertThat(r.scores()).hasSize(3 * 2 * 6);
        for (DesignStudy.Score s : r.scores()) {
            if (s.method() == DesignStudy.Method.DOPT && s.n() == 6) {
                assertThat(s.r2()).isNaN();
            } else {
                assertThat(s.r2()).as("%s N=%d seed %d", s.method(), s.n(), s.seed()).isBetween(0.3, 1.0);
            }
        }
        assertThat(r.summaries()).hasSize(2 * 6);
        for (DesignStudy.Summary s : r.summaries()) {
            boolean compared = s.method() != DesignStudy.Method.LHS && s.runs() == 3;
            assertThat(Double.isNaN(s.pVersusLhs())).as("%s N=%d", s.method(), s.n()).isEqualTo(!compared);
            if (compared) {
                assertThat(s.pVersusLhs()).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void sameSeedSameCurves() {
        // Given a one-seed study of two designs, When run twice, Then the scores are identical
        DesignStudy.Options o = small(List.of(6), List.of(DesignStudy.Method.LHS, DesignStudy.Method.INFLECTION), 1, 5);
        assertThat(DesignStudy.run(o, Progress.NONE).scores()).isEqualTo(DesignStudy.run(o, Progress.NONE).scores());
    }

    @Test
    void gdlPaperToFeltFineTunesOnDesignedFeltRunsAndDrawsTheCurves() throws Exception {
        // Given a base pre-trained on 40 carbon-paper runs and three designs of 6 felt runs
        List<DesignStudy.Method> methods = List.of(DesignStudy.Method.LHS, DesignStudy.Method.INFLECTION,
                DesignStudy.Method.INFORMATIVE);
        DesignStudy.Options o = new DesignStudy.Options(
                GdlLab.of(GdlFamily.CARBON_PAPER, 1, GdlLab.space(GdlFamily.CARBON_PAPER), "paper"),
                GdlLab.of(GdlFamily.FELT, 1, GdlLab.space(GdlFamily.FELT), "felt"),
                List.of("porosity", "permeability_tp_um2"), List.of(6), methods, 1, 40, 20, 2, 10, 3);
        // When the study runs
        DesignStudy.Result r = DesignStudy.run(o, Progress.NONE);
        // Then each design has a finite felt R2 (at most 1), no Wilcoxon p with a single seed, and the figure is
        // one SVG document naming every design
        assertThat(r.scores()).hasSize(3);
        for (DesignStudy.Score s : r.scores()) {
            assertThat(s.r2()).as("%s", s.method()).isFinite().isLessThanOrEqualTo(1.0);
        }
        assertThat(r.summaries()).allSatisfy(s -> assertThat(s.pVersusLhs()).isNaN());
        String svg = DesignStudy.figure(r).markup();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(svg)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains("paper -&gt; felt", "lhs", "inflection", "informative");
    }

    @Test
    void labsOfDifferentSimulatorsCannotBeCompared() {
        // Given an electrode source and a GDL target, When the options are built, Then a user error says why
        org.junit.jupiter.api.Assertions.assertThrows(io.transfab.data.DataException.class,
                () -> new DesignStudy.Options(SimulatorLab.of(Chemistry.NMC, 1, SimulatorLab.space(Chemistry.NMC),
                        "nmc"), GdlLab.of(GdlFamily.FELT, 1, GdlLab.space(GdlFamily.FELT), "felt"),
                        List.of("porosity"), List.of(6), List.of(DesignStudy.Method.LHS), 1, 40, 20, 2, 10, 3));
    }
}
