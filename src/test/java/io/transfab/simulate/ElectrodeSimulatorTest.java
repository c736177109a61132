package io.transfab.simulate;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.CsvReader;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.Table;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ElectrodeSimulatorTest {
    private static final double ROUNDING = 2e-4; // two values with 5 significant digits each

    private static ElectrodeParameters center(Chemistry c) {
        double[] v = new double[7];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.ranges().get(i).at(0.5);
        }
        return ElectrodeParameters.fromArray(v);
    }

    private static ElectrodeParameters with(ElectrodeParameters p, int index, double value) {
        double[] v = p.toArray();
        v[index] = value;
        return ElectrodeParameters.fromArray(v);
    }

    private static int col(Table t, String name) {
        int i = t.indexOf(name);
        assertThat(i).as(name).isGreaterThanOrEqualTo(0);
        return i;
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void porosityStaysInOpenUnitIntervalAndCalenderingOnlyThins(Chemistry c) {
        for (double level : new double[] {1.0, SimulatorOptions.MAX_NOISE_LEVEL}) {
            // Given a noisy simulator (typical and maximal noise)
            ElectrodeSimulator sim = ElectrodeSimulator.of(c, SimulatorOptions.defaults().withNoiseLevel(level));
            // When 600 rows are simulated
            Table t = sim.simulate(600, 7L);
            // Then every porosity is in (0, 1) and no calendered film is thicker than the dried one
            for (int r = 0; r < t.rowCount(); r++) {
                double eps = t.number(r, col(t, "porosity"));
                assertThat(eps).as("%s row %d", c, r).isGreaterThan(0.0).isLessThan(1.0);
                assertThat(t.number(r, col(t, "thickness_um")))
                        .isLessThanOrEqualTo(t.number(r, col(t, "dry_thickness_um")));
                assertThat(t.number(r, col(t, "tortuosity"))).isGreaterThan(1.0);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void derivedColumnsAreConsistentWithMeasuredOnes(Chemistry c) {
        // Given a simulated table
        ElectrodeSimulator sim = ElectrodeSimulator.of(c);
        Table t = sim.simulate(300, 11L);
        for (int r = 0; r < t.rowCount(); r++) {
            double loading = t.number(r, col(t, "mass_loading_mg_cm2"));
            double thickness = t.number(r, col(t, "thickness_um"));
            double density = t.number(r, col(t, "density_g_cm3"));
            double porosity = t.number(r, col(t, "porosity"));
            double tortuosity = t.number(r, col(t, "tortuosity"));
            double[] in = new double[7];
            for (int i = 0; i < 7; i++) {
                in[i] = t.number(r, i);
            }
            ElectrodeParameters p = ElectrodeParameters.fromArray(in);
            // Then density [g/cm3] = loading [mg/cm2] * 1e-3 / (thickness [um] * 1e-4) within rounding
            assertClose(density, 10.0 * loading / thickness, 3 * ROUNDING, 0, "density row " + r);
            // and porosity = 1 - density / skeletal density of the nominal solid mix
            assertClose(porosity, 1.0 - density / sim.skeletalDensity(p), 0, 5e-4, "porosity row " + r);
            // and the effective ionic conductivity ratio = porosity / tortuosity
            assertClose(t.number(r, col(t, "eff_ionic_conductivity_ratio")), porosity / tortuosity, 3 * ROUNDING, 0,
                    "eps/tau row " + r);
        }
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void noiseFreeModelObeysMassBalanceAndCapacityLaw(Chemistry c) {
        // Given the deterministic model at the centre of the ranges
        ElectrodeSimulator sim = ElectrodeSimulator.of(c, SimulatorOptions.noiseFree());
        ElectrodeParameters p = center(c);
        MaterialConstants m = c.materials();
        // When evaluated
        ElectrodeProperties e = sim.evaluateNoiseFree(p);
        // Then the capacity is loading x AM fraction x specific capacity
        assertClose(e.arealCapacityMahCm2(), e.massLoadingMgCm2() * p.amWtPct() / 100 * m.specificCapacityMahG() / 1000,
                1e-12, 0, "areal capacity");
        // and the solids mass is conserved through drying and calendering: loading = rho_s (1 - eps) h
        double skeletal = sim.skeletalDensity(p);
        assertClose(e.massLoadingMgCm2(), skeletal * (1 - e.porosity()) * e.thicknessUm() / 10, 1e-12, 0, "loading");
        // and tortuosity follows tau = k eps^-alpha
        assertClose(e.tortuosity(), m.tortuosityPrefactor() * Math.pow(e.porosity(), -m.bruggemanExponent()), 1e-12,
                0, "tortuosity");
        // and wet film lies between half the gap and the gap (Couette-Poiseuille bounds); dry film is thinner
        assertThat(e.wetThicknessUm()).isBetween(0.5 * p.commaGapUm(), p.commaGapUm());
        assertThat(e.dryThicknessUm()).isLessThan(e.wetThicknessUm());
        assertThat(e.porosity()).isBetween(m.minPorosity(), m.dryPorosity() + ElectrodeSimulator.MIGRATION_POROSITY_SHIFT);
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void largerCommaGapGivesMoreLoadingAndThickerFilms(Chemistry c) {
        // Given the noise-free model and a sweep of the comma gap over its range
        ElectrodeSimulator sim = ElectrodeSimulator.of(c, SimulatorOptions.noiseFree());
        Range gaps = c.ranges().commaGapUm();
        ElectrodeProperties prev = null;
        for (int k = 0; k <= 20; k++) {
            ElectrodeProperties e = sim.evaluateNoiseFree(with(center(c), 3, gaps.at(k / 20.0)));
            // Then loading, areal capacity and every thickness grow strictly with the gap
            if (prev != null) {
                assertThat(e.massLoadingMgCm2()).isGreaterThan(prev.massLoadingMgCm2());
                assertThat(e.arealCapacityMahCm2()).isGreaterThan(prev.arealCapacityMahCm2());
                assertThat(e.wetThicknessUm()).isGreaterThan(prev.wetThicknessUm());
                assertThat(e.dryThicknessUm()).isGreaterThan(prev.dryThicknessUm());
                assertThat(e.thicknessUm()).isGreaterThan(prev.thicknessUm());
            }
            prev = e;
        }
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void higherLineLoadGivesLowerPorosityAndHigherDensity(Chemistry c) {
        // Given the noise-free model and a sweep of the calender line load over its range
        ElectrodeSimulator sim = ElectrodeSimulator.of(c, SimulatorOptions.noiseFree());
        Range loads = c.ranges().calenderLineLoadNMm();
        ElectrodeProperties prev = null;
        for (int k = 0; k <= 20; k++) {
            ElectrodeProperties e = sim.evaluateNoiseFree(with(center(c), 6, loads.at(k / 20.0)));
            // Then porosity and thickness fall, density and tortuosity rise, loading is unchanged
            if (prev != null) {
                assertThat(e.porosity()).isLessThan(prev.porosity());
                assertThat(e.densityGCm3()).isGreaterThan(prev.densityGCm3());
                assertThat(e.thicknessUm()).isLessThan(prev.thicknessUm());
                assertThat(e.tortuosity()).isGreaterThan(prev.tortuosity());
                assertClose(e.massLoadingMgCm2(), prev.massLoadingMgCm2(), 1e-12, 0, "loading");
            }
            prev = e;
        }
    }

    @Test
    void hotterDryingMigratesBinderAndLowersAdhesion() {
        // Given the noise-free NMC model / When the drying temperature rises across its range
        ElectrodeSimulator sim = ElectrodeSimulator.of(Chemistry.NMC, SimulatorOptions.noiseFree());
        Range temps = Chemistry.NMC.ranges().dryingTempC();
        ElectrodeProperties cold = sim.evaluateNoiseFree(with(center(Chemistry.NMC), 5, temps.min()));
        ElectrodeProperties hot = sim.evaluateNoiseFree(with(center(Chemistry.NMC), 5, temps.max()));
        // Then peel strength and electronic conductivity drop (binder and carbon move to the surface)
        assertThat(hot.adhesionNM()).isLessThan(0.8 * cold.adhesionNM());
        assertThat(hot.electronicConductivitySM()).isLessThan(cold.electronicConductivitySM());
        // and the dried film is slightly more porous
        assertThat(hot.dryThicknessUm()).isGreaterThan(cold.dryThicknessUm());
    }

    @Test
    void higherSolidContentRaisesViscosity() {
        ElectrodeSimulator sim = ElectrodeSimulator.of(Chemistry.NMC, SimulatorOptions.noiseFree());
        Range solids = Chemistry.NMC.ranges().solidContentWtPct();
        double low = sim.evaluateNoiseFree(with(center(Chemistry.NMC), 2, solids.min())).slurryViscosityPaS();
        double high = sim.evaluateNoiseFree(with(center(Chemistry.NMC), 2, solids.max())).slurryViscosityPaS();
        assertThat(high).isGreaterThan(2 * low);
    }

    @Test
    void zeroNoiseEqualsNoiseFreeBitForBit() {
        // Given a simulator with noise level 0 / When evaluated with any seed / Then the noise-free result
        ElectrodeSimulator sim = ElectrodeSimulator.of(Chemistry.GRAPHITE, SimulatorOptions.noiseFree());
        ElectrodeParameters p = center(Chemistry.GRAPHITE);
        assertEquals(sim.evaluateNoiseFree(p), sim.evaluate(p, 123L));
        assertEquals(sim.evaluateNoiseFree(p), sim.evaluate(p, -5L));
    }

    @Test
    void noiseIsAFewPercentAndReproducible() {
        // Given the default (noise level 1) simulator and one parameter set
        ElectrodeSimulator sim = ElectrodeSimulator.of(Chemistry.NMC);
        ElectrodeParameters p = center(Chemistry.NMC);
        double truth = sim.evaluateNoiseFree(p).massLoadingMgCm2();
        // When evaluated with 400 seeds
        double sum = 0;
        double sumSq = 0;
        for (long s = 0; s < 400; s++) {
            double rel = sim.evaluate(p, s).massLoadingMgCm2() / truth - 1;
            sum += rel;
            sumSq += rel * rel;
        }
        double sd = Math.sqrt(sumSq / 400 - (sum / 400) * (sum / 400));
        // Then the relative scatter of the loading (gap variability + weighing) is a few percent
        assertThat(sd).isBetween(0.01, 0.06);
        // and the same seed repeats bit-identically, another seed does not
        assertEquals(sim.evaluate(p, 9L), sim.evaluate(p, 9L));
        assertNotEquals(sim.evaluate(p, 9L), sim.evaluate(p, 10L));
    }

    @Test
    void sameSeedSameTableDifferentSeedDifferentTable() {
        ElectrodeSimulator sim = ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE);
        Table a = sim.simulate(50, 42L);
        Table b = ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE).simulate(50, 42L);
        Table c = sim.simulate(50, 43L);
        assertEquals(a.sha256(), b.sha256());
        for (int r = 0; r < a.rowCount(); r++) {
            assertEquals(a.row(r), b.row(r));
        }
        assertNotEquals(a.sha256(), c.sha256());
        assertNotEquals(a.row(0), c.row(0));
    }

    @Test
    void equalSeedsGiveUnrelatedDesignsAcrossChemistries() {
        Table nmc = ElectrodeSimulator.of(Chemistry.NMC).simulate(20, 1L);
        Table gr = ElectrodeSimulator.of(Chemistry.GRAPHITE).simulate(20, 1L);
        double uNmc = (nmc.number(0, 3) - 100) / 250;
        double uGr = (gr.number(0, 3) - 100) / 250; // both gap ranges are [100, 350]
        assertThat(Math.abs(uNmc - uGr)).isGreaterThan(1e-6);
    }

    @Test
    void latinHypercubeHitsEveryStratumOnce() {
        // Given LHS sampling of 40 rows
        int n = 40;
        List<ElectrodeParameters> ps = ElectrodeSimulator.of(Chemistry.LFP).sample(n, 5L);
        // Then for each parameter every one of the 40 equal strata holds exactly one value
        for (int d = 0; d < 7; d++) {
            Range r = Chemistry.LFP.ranges().get(d);
            int[] hits = new int[n];
            for (ElectrodeParameters p : ps) {
                double v = p.toArray()[d];
                assertThat(r.contains(v)).isTrue();
                hits[Math.min(n - 1, (int) Math.floor((v - r.min()) / (r.max() - r.min()) * n))]++;
            }
            for (int k = 0; k < n; k++) {
                assertEquals(1, hits[k], "dimension " + d + " stratum " + k);
            }
        }
    }

    @Test
    void uniformSamplingStaysInRanges() {
        ElectrodeSimulator sim = ElectrodeSimulator.of(Chemistry.GRAPHITE,
                SimulatorOptions.defaults().withSampling(SimulatorOptions.Sampling.UNIFORM));
        for (ElectrodeParameters p : sim.sample(500, 3L)) {
            assertThat(Chemistry.GRAPHITE.ranges().contains(p)).isTrue();
        }
    }

    @Test
    void parametersOutsideTheChemistryRangesAreRejectedUnlessPhysicalLimitsAreAsked() {
        // Given NMC's solid content 50 wt% (a water-anode value, outside 60-75)
        ElectrodeParameters p = with(center(Chemistry.NMC), 2, 50.0);
        // When evaluated with the default policy / Then rejected naming the parameter and its range
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ElectrodeSimulator.of(Chemistry.NMC).evaluate(p, 1L));
        assertThat(e.getMessage()).contains("solid_content_wt_pct").contains("[60.0, 75.0]").contains("nmc");
        assertThrows(IllegalArgumentException.class,
                () -> ElectrodeSimulator.of(Chemistry.NMC).evaluateNoiseFree(p));
        // and with PHYSICAL_LIMITS it is evaluated
        ElectrodeSimulator free = ElectrodeSimulator.of(Chemistry.NMC,
                SimulatorOptions.defaults().withRangePolicy(SimulatorOptions.RangePolicy.PHYSICAL_LIMITS));
        assertThat(free.evaluate(p, 1L).porosity()).isBetween(0.0, 1.0);
    }

    @Test
    void unflowableSlurryIsRejectedEvenAtPhysicalLimits() {
        ElectrodeSimulator free = ElectrodeSimulator.of(Chemistry.GRAPHITE,
                SimulatorOptions.defaults().withRangePolicy(SimulatorOptions.RangePolicy.PHYSICAL_LIMITS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> free.evaluate(with(center(Chemistry.GRAPHITE), 2, 80.0), 1L));
        assertThat(e.getMessage()).contains("solid_content_wt_pct");
    }

    @Test
    void invalidParametersAndOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ElectrodeParameters(100, 0.5, 70, 200, 5, 100, 500));
        assertThrows(IllegalArgumentException.class, () -> new ElectrodeParameters(94, 1.0, 70, 200, 5, 100, 500));
        assertThrows(IllegalArgumentException.class, () -> new ElectrodeParameters(94, 0.5, Double.NaN, 200, 5, 100, 500));
        assertThrows(IllegalArgumentException.class, () -> new ElectrodeParameters(94, 0.5, 70, 0, 5, 100, 500));
        assertThrows(IllegalArgumentException.class, () -> new ElectrodeParameters(94, 0.5, 70, 200, 5, 100, -1));
        assertThrows(IllegalArgumentException.class, () -> ElectrodeParameters.fromArray(new double[6]));
        assertThrows(DataException.class, () -> SimulatorOptions.defaults().withNoiseLevel(2.5));
        assertThrows(DataException.class, () -> SimulatorOptions.defaults().withNoiseLevel(Double.NaN));
        assertThrows(DataException.class, () -> SimulatorOptions.defaults().withNoiseLevel(-0.1));
        assertThrows(IllegalArgumentException.class, () -> ElectrodeSimulator.of(Chemistry.NMC).simulate(0, 1L));
        assertThrows(IllegalArgumentException.class, () -> ElectrodeSimulator.of(Chemistry.NMC).tabulate(List.of(), 1L));
        assertThrows(NullPointerException.class, () -> ElectrodeSimulator.of(null));
    }

    @Test
    void parametersRoundTripThroughArrays() {
        ElectrodeParameters p = center(Chemistry.LFP);
        double[] a = p.toArray();
        a[0] = -1; // a copy: the record is unchanged
        assertEquals(center(Chemistry.LFP), p);
        assertEquals(p, ElectrodeParameters.fromArray(p.toArray()));
    }

    @Test
    void tableHasTheDocumentedColumnsAndUnits() {
        Table t = ElectrodeSimulator.of(Chemistry.NMC).simulate(5, 1L);
        assertThat(t.names()).containsExactlyElementsOf(ElectrodeSimulator.columnNames());
        assertThat(t.names()).contains("am_wt_pct", "cb_binder_ratio", "solid_content_wt_pct", "comma_gap_um",
                "coating_speed_m_min", "drying_temp_c", "calender_line_load_n_mm", "wet_thickness_um",
                "dry_thickness_um", "thickness_um", "mass_loading_mg_cm2", "density_g_cm3", "porosity", "tortuosity",
                "eff_ionic_conductivity_ratio", "areal_capacity_mah_cm2");
        assertThat(t.units()).hasSameSizeAs(t.names());
        assertEquals("mg/cm2", t.units().get(t.indexOf("mass_loading_mg_cm2")));
        assertEquals("g/cm3", t.units().get(t.indexOf("density_g_cm3")));
        assertEquals(5, t.rowCount());
    }

    @Test
    void tabulateEvaluatesGivenParametersLikeALab() {
        // Given two parameter sets chosen by an active learner
        ElectrodeSimulator sim = ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE, SimulatorOptions.noiseFree());
        ElectrodeParameters a = center(Chemistry.SILICON_GRAPHITE);
        ElectrodeParameters b = with(a, 6, 600.0);
        // When tabulated
        Table t = sim.tabulate(List.of(a, b), 4L);
        // Then the rows carry the given inputs and the model's outputs
        assertEquals(2, t.rowCount());
        assertClose(t.number(1, 6), 600.0, 0, 0, "line load");
        assertClose(t.number(0, col(t, "porosity")), sim.evaluateNoiseFree(a).porosity(), 1e-4, 0, "porosity a");
        assertClose(t.number(1, col(t, "porosity")), sim.evaluateNoiseFree(b).porosity(), 1e-4, 0, "porosity b");
    }

    @Test
    void siliconGraphiteAndNmcTablesOccupyDifferentRegions() {
        // Given the demo's source (2000 NMC rows) and target (20 silicon-graphite rows)
        Table src = ElectrodeSimulator.of(Chemistry.NMC).simulate(2000, 42L);
        Table tgt = ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE).simulate(20, 42L);
        // Then solid contents and densities do not overlap at all
        assertThat(max(tgt, "solid_content_wt_pct")).isLessThanOrEqualTo(55.0);
        assertThat(min(src, "solid_content_wt_pct")).isGreaterThanOrEqualTo(60.0);
        assertThat(max(tgt, "density_g_cm3")).isLessThan(min(src, "density_g_cm3"));
    }

    @Test
    void tableRoundTripsThroughCsv(@TempDir Path dir) throws Exception {
        // Given a simulated table
        Table t = ElectrodeSimulator.of(Chemistry.LFP).simulate(100, 8L);
        // When written and read back
        Path f = dir.resolve("lfp.csv");
        CsvWriter.write(t, f);
        Table back = CsvReader.read(f);
        // Then names, units and every cell survive unchanged
        assertEquals(t.names(), back.names());
        assertEquals(t.units(), back.units());
        assertEquals(t.rowCount(), back.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            assertEquals(t.row(r), back.row(r));
            for (int c = 0; c < t.columnCount(); c++) {
                assertThat(Double.isFinite(back.number(r, c))).isTrue();
            }
        }
        assertEquals(CsvWriter.toCsv(t), CsvWriter.toCsv(back));
    }

    private static double min(Table t, String name) {
        double m = Double.POSITIVE_INFINITY;
        for (int r = 0; r < t.rowCount(); r++) {
            m = Math.min(m, t.number(r, t.indexOf(name)));
        }
        return m;
    }

    private static double max(Table t, String name) {
        double m = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < t.rowCount(); r++) {
            m = Math.max(m, t.number(r, t.indexOf(name)));
        }
        return m;
    }
}
