package io.transfab.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class ElectrodeSimulatorPropertyTest {

    private static ElectrodeParameters at(Chemistry c, double[] u) {
        double[] v = new double[7];
        for (int i = 0; i < 7; i++) {
            v[i] = c.ranges().get(i).at(u[i]);
        }
        return ElectrodeParameters.fromArray(v);
    }

    @Property(tries = 300, seed = "20240601")
    void anyParametersInRangeGiveAPhysicalElectrode(@ForAll Chemistry c, @ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 1) double u0, @ForAll @DoubleRange(min = 0, max = 1) double u1,
            @ForAll @DoubleRange(min = 0, max = 1) double u2, @ForAll @DoubleRange(min = 0, max = 1) double u3,
            @ForAll @DoubleRange(min = 0, max = 1) double u4, @ForAll @DoubleRange(min = 0, max = 1) double u5,
            @ForAll @DoubleRange(min = 0, max = 1) double u6) {
        // Given any parameters in the chemistry's ranges and the maximal noise level
        ElectrodeParameters p = at(c, new double[] {u0, u1, u2, u3, u4, u5, u6});
        ElectrodeSimulator sim = ElectrodeSimulator.of(c,
                SimulatorOptions.defaults().withNoiseLevel(SimulatorOptions.MAX_NOISE_LEVEL));
        // When evaluated
        ElectrodeProperties e = sim.evaluate(p, seed);
        // Then porosity is in (0, 1), calendering only thins, and density = 10 loading / thickness
        assertThat(e.porosity()).isGreaterThan(0).isLessThan(1);
        assertThat(e.thicknessUm()).isLessThanOrEqualTo(e.dryThicknessUm());
        assertThat(Math.abs(e.densityGCm3() - 10 * e.massLoadingMgCm2() / e.thicknessUm()))
                .isLessThanOrEqualTo(1e-12 * e.densityGCm3());
    }

    @Property(tries = 200, seed = "20240602")
    void gapAndLineLoadActMonotonically(@ForAll Chemistry c,
            @ForAll @DoubleRange(min = 0, max = 1) double u0, @ForAll @DoubleRange(min = 0, max = 1) double u1,
            @ForAll @DoubleRange(min = 0, max = 1) double u2, @ForAll @DoubleRange(min = 0, max = 0.9) double gap,
            @ForAll @DoubleRange(min = 0, max = 1) double u4, @ForAll @DoubleRange(min = 0, max = 1) double u5,
            @ForAll @DoubleRange(min = 0, max = 0.9) double load, @ForAll @DoubleRange(min = 0.01, max = 0.1) double step) {
        // Given any in-range parameters and the same parameters with a larger gap or line load
        ElectrodeSimulator sim = ElectrodeSimulator.of(c, SimulatorOptions.noiseFree());
        ElectrodeProperties base = sim.evaluateNoiseFree(at(c, new double[] {u0, u1, u2, gap, u4, u5, load}));
        ElectrodeProperties wider = sim.evaluateNoiseFree(at(c, new double[] {u0, u1, u2, gap + step, u4, u5, load}));
        ElectrodeProperties harder = sim.evaluateNoiseFree(at(c, new double[] {u0, u1, u2, gap, u4, u5, load + step}));
        // Then the larger gap gives more loading and thicker films
        assertThat(wider.massLoadingMgCm2()).isGreaterThan(base.massLoadingMgCm2());
        assertThat(wider.thicknessUm()).isGreaterThan(base.thicknessUm());
        // and the higher line load gives lower porosity and higher density
        assertThat(harder.porosity()).isLessThan(base.porosity());
        assertThat(harder.densityGCm3()).isGreaterThan(base.densityGCm3());
    }
}
