package io.transfab.simulate;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.Table;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DryingProfileTest {
    private static ElectrodeParameters center(Chemistry c) {
        double[] v = new double[7];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.ranges().get(i).at(0.5);
        }
        return ElectrodeParameters.fromArray(v);
    }

    @Test
    void filmTemperatureRampsFromAmbientAndHoldsAtTheZoneTemperature() {
        // Given a flat 4-zone dryer at 100 degC and a slow web (10 min residence)
        DryingProfile flat = DryingProfile.flat(4, 100.0);
        // When the film temperature series is computed
        double[] t = flat.filmTemperatures(1.0, 0.0, DryingProfile.STEPS);
        // Then it has 32 steps, rises monotonically from near ambient and ends at the air temperature
        assertThat(t).hasSize(DryingProfile.STEPS);
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1]);
        }
        assertThat(t[0]).isLessThan(100.0);
        assertClose(t[t.length - 1], 100.0, 0, 1e-6, "hold temperature");
    }

    @Test
    void randomDryersKeepTheMeanZoneTemperature() {
        SplittableRandom rng = new SplittableRandom(3L);
        for (int i = 0; i < 50; i++) {
            // Given a random dryer around 90 degC
            DryingProfile d = DryingProfile.random(90.0, rng);
            // Then it has 3-5 zones averaging 90 degC, each within the allowed offset
            assertThat(d.zones()).isBetween(DryingProfile.MIN_ZONES, DryingProfile.MAX_ZONES);
            assertClose(d.meanZoneTempC(), 90.0, 0, 1e-9, "mean zone temperature");
            for (double z : d.zoneTempsC()) {
                assertThat(Math.abs(z - 90.0)).isLessThanOrEqualTo(2 * DryingProfile.MAX_ZONE_OFFSET_K);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Chemistry.class)
    void hotEarlyDryingMigratesMoreBinderThanHotLateAtTheSameMeanTemperature(Chemistry c) {
        // Given the noise-free model, centre parameters and two dryers with the same mean zone temperature
        ElectrodeSimulator sim = ElectrodeSimulator.of(c, SimulatorOptions.noiseFree());
        ElectrodeParameters p = center(c);
        double t = p.dryingTempC();
        DryingProfile early = DryingProfile.of(t + 20, t + 5, t - 5, t - 20);
        DryingProfile late = DryingProfile.of(t - 20, t - 5, t + 5, t + 20);
        assertClose(early.meanZoneTempC(), late.meanZoneTempC(), 0, 1e-9, "equal means");
        // When both are evaluated
        ElectrodeProperties e = sim.evaluateNoiseFree(p, early);
        ElectrodeProperties l = sim.evaluateNoiseFree(p, late);
        // Then the hot-early film (fast drying while wet) has lost clearly more adhesion and conductivity
        assertThat(e.adhesionNM()).isLessThan(0.95 * l.adhesionNM());
        assertThat(e.electronicConductivitySM()).isLessThan(l.electronicConductivitySM());
        // and loading, which does not depend on drying, is the same
        assertClose(e.massLoadingMgCm2(), l.massLoadingMgCm2(), 1e-12, 0, "loading");
    }

    @Test
    void profileTableSharesTheDesignAndAddsAParsableSeries() {
        // Given the NMC simulator
        ElectrodeSimulator sim = ElectrodeSimulator.of(Chemistry.NMC);
        // When a default table and a profile table are simulated with the same seed
        Table plain = sim.simulate(40, 5L);
        Table prof = sim.simulateWithDryingProfiles(40, 5L);
        int col = prof.indexOf(ElectrodeSimulator.DRYING_PROFILE_COLUMN);
        // Then the parameters are the same, the series has 32 numbers, and the table is reproducible
        assertThat(col).isEqualTo(ElectrodeParameters.names().size());
        for (int r = 0; r < plain.rowCount(); r++) {
            for (int i = 0; i < col; i++) {
                assertThat(prof.cell(r, i)).isEqualTo(plain.cell(r, i));
            }
            String cell = prof.cell(r, col);
            assertThat(cell).startsWith("[").endsWith("]");
            String[] parts = cell.substring(1, cell.length() - 1).split(";");
            assertThat(parts).hasSize(DryingProfile.STEPS);
            for (String s : parts) {
                assertThat(Double.parseDouble(s)).isBetween(DryingProfile.AMBIENT_C - 1e-9, 250.0);
            }
        }
        assertThat(sim.simulateWithDryingProfiles(40, 5L).sha256()).isEqualTo(prof.sha256());
        assertThat(prof.names()).hasSize(plain.names().size() + 1);
    }

    @Test
    void rejectsImpossibleZoneTemperatures() {
        assertThrows(IllegalArgumentException.class, () -> DryingProfile.of(80, -5));
        assertThrows(IllegalArgumentException.class, () -> DryingProfile.of());
    }
}
