package io.transfab.simulate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The air temperatures of a multi-zone convective dryer (equal zone lengths) and the film
 * temperature-time history they produce on a web moving at a given speed. The film follows the
 * zone air temperature with a first-order lag ({@link #FILM_HEATING_TIME_S}), starting at ambient
 * temperature, so the history consists of ramps at zone changes and holds inside zones.
 * See docs/simulator.md, "Drying temperature profile".
 */
public final class DryingProfile {
    /** Total dryer length, m (equal zones). */
    public static final double DRYER_LENGTH_M = 10.0;
    /** Time constant of the film temperature following the zone air temperature, s. */
    public static final double FILM_HEATING_TIME_S = 20.0;
    /** Film temperature entering the dryer, degC. */
    public static final double AMBIENT_C = 25.0;
    /** Number of samples of the written time series (equally spaced over the residence time). */
    public static final int STEPS = 32;
    /** Fewest and most zones a drawn dryer has. */
    public static final int MIN_ZONES = 3;
    public static final int MAX_ZONES = 5;
    /** Largest deviation of a drawn zone temperature from the set (mean) temperature, K. */
    public static final double MAX_ZONE_OFFSET_K = 35.0;
    /** Integration sub-steps per written step. */
    private static final int SUBSTEPS = 16;

    private final double[] zoneTempsC;

    private DryingProfile(double[] zoneTempsC) {
        this.zoneTempsC = zoneTempsC;
    }

    /** A dryer with the given zone air temperatures (degC), entry zone first. */
    public static DryingProfile of(double... zoneTempsC) {
        if (zoneTempsC.length < 1) {
            throw new IllegalArgumentException("a dryer needs at least one zone");
        }
        for (double t : zoneTempsC) {
            if (!(t > 0 && t <= 250)) {
                throw new IllegalArgumentException("zone temperatures must be in (0, 250] degC, got " + t);
            }
        }
        return new DryingProfile(zoneTempsC.clone());
    }

    /** All zones at the same temperature: the single-temperature dryer of the default model. */
    public static DryingProfile flat(int zones, double tempC) {
        double[] t = new double[zones];
        Arrays.fill(t, tempC);
        return of(t);
    }

    /**
     * A random dryer whose zone temperatures average exactly {@code meanTempC}: 3 to 5 zones, each
     * offset by up to {@link #MAX_ZONE_OFFSET_K} with the offsets centred, so only the shape varies.
     */
    public static DryingProfile random(double meanTempC, SplittableRandom rng) {
        int n = MIN_ZONES + rng.nextInt(MAX_ZONES - MIN_ZONES + 1);
        double[] off = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            // hot or cool zones (half to full offset), as in staged dryers, rather than near-flat ones
            off[i] = (rng.nextBoolean() ? 1 : -1) * (0.5 + 0.5 * rng.nextDouble()) * MAX_ZONE_OFFSET_K;
            mean += off[i] / n;
        }
        double coolest = 0;
        for (int i = 0; i < n; i++) {
            coolest = Math.min(coolest, off[i] - mean);
        }
        // no zone air below ambient: shrink the shape (not the mean) where it would reach it
        double scale = Math.min(1.0, Math.max(0.0, meanTempC - AMBIENT_C) / -coolest);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = meanTempC + scale * (off[i] - mean);
        }
        return of(t);
    }

    /** The zone air temperatures, degC (a fresh array). */
    public double[] zoneTempsC() {
        return zoneTempsC.clone();
    }

    public int zones() {
        return zoneTempsC.length;
    }

    /** Mean zone air temperature, degC (equal zones, so also the time-mean air temperature). */
    public double meanZoneTempC() {
        return Arrays.stream(zoneTempsC).average().orElseThrow();
    }

    /** Residence time of the web in the dryer, s, at {@code speedMMin} m/min. */
    public static double residenceTimeS(double speedMMin) {
        return DRYER_LENGTH_M / (speedMMin / 60.0);
    }

    /**
     * The film temperature history at {@code steps} equally spaced times over the residence time
     * (at the end of each interval), degC, with every zone temperature shifted by {@code offsetK}.
     */
    public double[] filmTemperatures(double speedMMin, double offsetK, int steps) {
        double[] fine = fineFilmTemperatures(speedMMin, offsetK, steps);
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = fine[(i + 1) * SUBSTEPS - 1];
        }
        return out;
    }

    /** Film temperatures on the integration grid: {@code steps * SUBSTEPS} points. */
    double[] fineFilmTemperatures(double speedMMin, double offsetK, int steps) {
        if (!(speedMMin > 0) || steps < 1) {
            throw new IllegalArgumentException("need a positive speed and at least one step");
        }
        int n = steps * SUBSTEPS;
        double total = residenceTimeS(speedMMin);
        double dt = total / n;
        // exact update of the first-order lag for a piecewise-constant air temperature
        double decay = Math.exp(-dt / FILM_HEATING_TIME_S);
        double[] film = new double[n];
        double temp = AMBIENT_C;
        for (int k = 0; k < n; k++) {
            double tMid = (k + 0.5) * dt;
            int zone = Math.min(zoneTempsC.length - 1, (int) (tMid / total * zoneTempsC.length));
            double air = zoneTempsC[zone] + offsetK;
            temp = air + (temp - air) * decay;
            film[k] = temp;
        }
        return film;
    }

    @Override
    public String toString() {
        return "DryingProfile" + Arrays.toString(zoneTempsC);
    }
}
