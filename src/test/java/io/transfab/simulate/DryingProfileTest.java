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
            // Given a random dryer around 90 degC (and one near ambient, whose shape must shrink)
            DryingProfile d = DryingProfile.random(90.0, rng);
            for (double z : DryingProfile.random(35.0, rng).zoneTempsC()) {
                assertThat(z).isGreaterThanOrEqualTo(DryingProfile.AMBIENT_C - 1e-9);
            }
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
    void threeStageProfileWithASlowCriticalWindowKeepsMoreAdhesionThanFlatDrying(Chemistry c) {
        // Given the noise-free model, centre parameters and three dryers with the same mean zone temperature:
        // flat, three-stage (fast, slow around the critical point, fast) and its inverse (fast in the window)
        ElectrodeSimulator sim = ElectrodeSimulator.of(c, SimulatorOptions.noiseFree());
        ElectrodeParameters p = center(c);
        double t = p.dryingTempC();
        DryingProfile flat = DryingProfile.flat(4, t);
        DryingProfile threeStage = DryingProfile.of(t + 30, t - 30, t - 30, t + 30);
        DryingProfile fastWindow = DryingProfile.of(t - 30, t + 30, t + 30, t - 30);
        assertClose(threeStage.meanZoneTempC(), flat.meanZoneTempC(), 0, 1e-9, "equal means");
        // When all three are evaluated
        ElectrodeProperties f = sim.evaluateNoiseFree(p, flat);
        ElectrodeProperties s = sim.evaluateNoiseFree(p, threeStage);
        ElectrodeProperties w = sim.evaluateNoiseFree(p, fastWindow);
        // Then the slow critical window keeps clearly more peel strength than flat drying (Jaiser et al. 2017),
        // a fast window loses clearly more, and fast vs slow window differ by up to about a factor of two
        assertThat(s.adhesionNM()).isGreaterThan(1.1 * f.adhesionNM());
        assertThat(w.adhesionNM()).isLessThan(0.8 * f.adhesionNM());
        assertThat(s.adhesionNM() / w.adhesionNM()).isBetween(1.2, 2.5);
        assertThat(s.electronicConductivitySM()).isGreaterThan(w.electronicConductivitySM());
        // and loading, which does not depend on drying, is the same
        assertClose(s.massLoadingMgCm2(), f.massLoadingMgCm2(), 1e-12, 0, "loading");
    }

    @Test
    void aFlatProfileAtTheCriticalRateMigratesLikeTheDefaultModel() {
        // Given the window migration degree at Pe = 1 and the default Pe/(1 + Pe)
        // Then both are one half, and the window curve is steeper around it
        assertClose(ElectrodeSimulator.windowMigration(1.0), 0.5, 0, 1e-12, "B(1)");
        assertThat(ElectrodeSimulator.windowMigration(8.0) - ElectrodeSimulator.windowMigration(0.125))
                .isGreaterThan(8.0 / 9.0 - 0.125 / 1.125);
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
