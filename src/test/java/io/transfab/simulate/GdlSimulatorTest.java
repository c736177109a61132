package io.transfab.simulate;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.DataException;
import io.transfab.data.Table;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GdlSimulatorTest {
    private static GdlParameters center(GdlFamily f) {
        double[] v = new double[GdlParameters.names().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.ranges().get(i).at(0.5);
        }
        return GdlParameters.fromArray(v);
    }

    private static GdlParameters withCompression(GdlParameters p, double cr) {
        double[] v = p.toArray();
        v[5] = cr;
        return GdlParameters.fromArray(v);
    }

    @Test
    void tomadakisSotirchosAndRobertsonMatchHandValues() {
        // Given a 2D random fibre bed at porosity 0.78 with the published constants (eps_p 0.11,
        // alpha 0.785 through-plane, 0.521 in-plane), values worked out by hand from the formulas
        // Then D_eff/D = 0.78 (0.67/0.89)^0.785 = 0.62415 and 0.78 (0.67/0.89)^0.521 = 0.67274
        assertClose(GdlSimulator.tomadakisSotirchosDiffusivity(0.78, GdlSimulator.TS_PERCOLATION_2D,
                GdlSimulator.TS_ALPHA_2D_THROUGH_PLANE), 0.624154588, 1e-8, 0, "D_tp/D");
        assertClose(GdlSimulator.tomadakisSotirchosDiffusivity(0.78, GdlSimulator.TS_PERCOLATION_2D,
                GdlSimulator.TS_ALPHA_2D_IN_PLANE), 0.672740202, 1e-8, 0, "D_ip/D");
        // and k_tp for r = 4 um is 5.5205 um2 (Tomadakis-Robertson)
        assertClose(GdlSimulator.tomadakisRobertsonPermeability(0.78, 0.11, 0.785, 4.0), 5.52045368, 1e-8, 0, "k");
        // and the published constants are the ones in the code
        assertClose(GdlSimulator.TS_PERCOLATION_2D, 0.11, 0, 1e-12, "eps_p 2D");
        assertClose(GdlSimulator.TS_PERCOLATION_3D, 0.037, 0, 1e-12, "eps_p 3D");
        assertClose(GdlSimulator.TS_ALPHA_3D, 0.661, 0, 1e-12, "alpha 3D");
        // and below the percolation threshold nothing diffuses
        assertThat(GdlSimulator.tomadakisSotirchosDiffusivity(0.1, 0.11, 0.785)).isZero();
    }

    @ParameterizedTest
    @EnumSource(GdlFamily.Layup.class)
    void porosityCountedOnTheVoxelsMatchesTheRequestedFractions(GdlFamily.Layup layup) {
        for (double clustering : new double[] {0.0, 1.0}) {
            // Given requested fibre, binder and PTFE volume fractions
            FibreMicrostructure.Spec spec = new FibreMicrostructure.Spec(64, 2.0, 0.25, 0.05, 0.06, layup, 0.4,
                    Math.toRadians(5), clustering);
            // When a microstructure is generated
            FibreMicrostructure m = FibreMicrostructure.generate(spec, new SplittableRandom(9L));
            // Then every phase fraction and the porosity counted on the voxels match within 0.01
            assertClose(m.fraction(FibreMicrostructure.FIBRE), 0.25, 0, 0.01, "fibre");
            assertClose(m.fraction(FibreMicrostructure.BINDER), 0.05, 0, 0.001, "binder");
            assertClose(m.fraction(FibreMicrostructure.PTFE), 0.06, 0, 0.001, "ptfe");
            assertClose(m.porosity(), 1 - 0.36, 0, 0.01, "porosity");
            // and fibres lie mostly in the sheet plane
            assertThat(m.orientation()[2]).isLessThan(0.05);
        }
    }

    @ParameterizedTest
    @EnumSource(GdlFamily.class)
    void compressionLowersPorosityPermeabilityAndContactResistance(GdlFamily f) {
        // Given the noise-free generator and the centre parameters at growing compression
        GdlSimulator sim = GdlSimulator.of(f, GdlOptions.defaults().withNoiseLevel(0));
        GdlProperties prev = null;
        for (double cr : new double[] {0.0, 0.1, 0.2, 0.3}) {
            GdlProperties g = sim.evaluate(withCompression(center(f), cr), 0.3, 4L).properties();
            // Then porosity, both permeabilities and the contact resistance fall; the pressure rises
            if (prev != null) {
                assertThat(g.porosity()).isLessThan(prev.porosity());
                assertThat(g.permeabilityTpUm2()).isLessThan(prev.permeabilityTpUm2());
                assertThat(g.permeabilityIpUm2()).isLessThan(prev.permeabilityIpUm2());
                assertThat(g.compressionPressureMPa()).isGreaterThan(prev.compressionPressureMPa());
                assertThat(g.contactResistanceMOhmCm2()).isLessThan(prev.contactResistanceMOhmCm2());
                assertThat(g.elConductivityTpSM()).isGreaterThan(prev.elConductivityTpSM());
            }
            prev = g;
        }
    }

    @ParameterizedTest
    @EnumSource(GdlFamily.class)
    void diffusivityRatioStaysBelowPorosityAndThroughPlaneBelowInPlane(GdlFamily f) {
        // Given noise-free samples over the family's ranges
        GdlSimulator sim = GdlSimulator.of(f, GdlOptions.defaults().withNoiseLevel(0).withImageSize(32));
        for (GdlSample s : sim.simulate(40, 2L, i -> { })) {
            GdlProperties g = s.properties();
            // Then D_eff/D < porosity in both directions, through-plane transport is the harder one
            assertThat(g.diffusivityRatioTp()).isLessThan(g.porosity());
            assertThat(g.diffusivityRatioIp()).isLessThan(g.porosity());
            assertThat(g.diffusivityRatioTp()).isLessThan(g.diffusivityRatioIp());
            assertThat(g.permeabilityTpUm2()).isLessThan(g.permeabilityIpUm2());
            assertThat(g.elConductivityTpSM()).isLessThan(g.elConductivityIpSM());
            // and the image has the requested size
            assertThat(s.image().width()).isEqualTo(32);
            assertThat(s.image().height()).isEqualTo(32);
        }
    }

    @Test
    void clusteringRaisesInPlanePermeabilityAndLowersInPlaneConductivityAtFixedParameters() {
        // Given the noise-free generator and fixed parameters
        GdlSimulator sim = GdlSimulator.of(GdlFamily.CARBON_PAPER, GdlOptions.defaults().withNoiseLevel(0));
        GdlProperties loose = sim.evaluate(center(GdlFamily.CARBON_PAPER), 0.0, 8L).properties();
        GdlProperties bundled = sim.evaluate(center(GdlFamily.CARBON_PAPER), 1.0, 8L).properties();
        // Then porosity is unchanged, in-plane permeability clearly higher and in-plane conductivity lower
        assertClose(bundled.porosity(), loose.porosity(), 0, 0.01, "porosity");
        assertThat(bundled.permeabilityIpUm2()).isGreaterThan(1.8 * loose.permeabilityIpUm2());
        assertThat(bundled.elConductivityIpSM()).isLessThan(0.8 * loose.elConductivityIpSM());
    }

    @Test
    void sameSeedSameSamplesAndClusteringOptionOnlyChangesTheHiddenSignal() {
        // Given three generators that differ only in where the clustering goes
        GdlOptions o = GdlOptions.defaults().withImageSize(32);
        GdlSimulator image = GdlSimulator.of(GdlFamily.FELT, o);
        GdlSimulator column = GdlSimulator.of(GdlFamily.FELT, o.withClustering(GdlOptions.Clustering.COLUMN));
        GdlSimulator none = GdlSimulator.of(GdlFamily.FELT, o.withClustering(GdlOptions.Clustering.NONE));
        // When each simulates 12 rows with the same seed (twice for one of them)
        List<GdlSample> a = image.simulate(12, 6L, i -> { });
        List<GdlSample> b = image.simulate(12, 6L, i -> { });
        Table ta = image.table(a, "images/x/", 6L);
        Table tc = column.table(column.simulate(12, 6L, i -> { }), null, 6L);
        List<GdlSample> n = none.simulate(12, 6L, i -> { });
        // Then the same seed gives identical tables and images
        assertThat(image.table(b, "images/x/", 6L).sha256()).isEqualTo(ta.sha256());
        for (int i = 0; i < a.size(); i++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    assertThat(b.get(i).image().grey(x, y)).isEqualTo(a.get(i).image().grey(x, y));
                }
            }
            // and the parameters are shared across options, without clustering every draw is 0
            assertThat(n.get(i).parameters()).isEqualTo(a.get(i).parameters());
            assertThat(n.get(i).clustering()).isZero();
        }
        // and only the column option writes the clustering; the image column is a relative path
        assertThat(ta.has(GdlSimulator.CLUSTERING_COLUMN)).isFalse();
        assertThat(tc.has(GdlSimulator.CLUSTERING_COLUMN)).isTrue();
        assertThat(tc.has(GdlSimulator.IMAGE_COLUMN)).isFalse();
        assertThat(ta.cell(0, ta.indexOf(GdlSimulator.IMAGE_COLUMN))).isEqualTo("images/x/00001.png");
        assertClose(tc.number(3, tc.indexOf(GdlSimulator.CLUSTERING_COLUMN)), a.get(3).clustering(), 1e-4, 0,
                "clustering column");
        // and another seed gives another table
        assertThat(image.table(image.simulate(12, 7L, i -> { }), "images/x/", 7L).sha256()).isNotEqualTo(ta.sha256());
    }

    @Test
    void familiesDifferEnoughForSourceTargetPairs() {
        // Given default tables of carbon paper and felt
        Table paper = tableOf(GdlFamily.CARBON_PAPER);
        Table felt = tableOf(GdlFamily.FELT);
        // Then felt is clearly more porous and more permeable on average
        assertThat(mean(felt, "porosity")).isGreaterThan(mean(paper, "porosity") + 0.05);
        assertThat(mean(felt, "permeability_tp_um2")).isGreaterThan(2 * mean(paper, "permeability_tp_um2"));
    }

    private static Table tableOf(GdlFamily f) {
        GdlSimulator sim = GdlSimulator.of(f, GdlOptions.defaults().withImageSize(32));
        return sim.table(sim.simulate(40, 1L, i -> { }), null, 1L);
    }

    private static double mean(Table t, String column) {
        double s = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            s += t.number(r, t.indexOf(column));
        }
        return s / t.rowCount();
    }

    @Test
    void rejectsBadOptionsAndParameters() {
        assertThrows(DataException.class, () -> GdlFamily.fromCliName("foam"));
        assertThrows(DataException.class, () -> GdlOptions.defaults().withImageSize(8));
        assertThrows(DataException.class, () -> GdlOptions.Clustering.fromCliName("maybe"));
        assertThrows(IllegalArgumentException.class, () -> withCompression(center(GdlFamily.FELT), 0.9));
        GdlSimulator sim = GdlSimulator.of(GdlFamily.FELT);
        assertThrows(IllegalArgumentException.class, () -> sim.evaluate(center(GdlFamily.FELT), 1.5, 1L));
    }
}
