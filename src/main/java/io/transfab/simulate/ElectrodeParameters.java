package io.transfab.simulate;

import java.util.List;

/**
 * The set manufacturing parameters of one electrode run.
 *
 * @param amWtPct active material share of the dry solids, wt%
 * @param cbBinderRatio conductive-additive share of the inactive solids (carbon black / (carbon black + binder)),
 *        in [0, 1); the rest of the inactive solids is binder
 * @param solidContentWtPct solids share of the slurry, wt%
 * @param commaGapUm set gap between comma bar and roll, um
 * @param coatingSpeedMMin web speed, m/min
 * @param dryingTempC dryer air temperature, degC
 * @param calenderLineLoadNMm calender line load (force per coating width), N/mm; 0 means not calendered
 */
public record ElectrodeParameters(double amWtPct, double cbBinderRatio, double solidContentWtPct, double commaGapUm,
        double coatingSpeedMMin, double dryingTempC, double calenderLineLoadNMm) {
    private static final List<String> NAMES = List.of("am_wt_pct", "cb_binder_ratio", "solid_content_wt_pct",
            "comma_gap_um", "coating_speed_m_min", "drying_temp_c", "calender_line_load_n_mm");
    private static final List<String> UNITS = List.of("wt%", "1", "wt%", "um", "m/min", "degC", "N/mm");

    public ElectrodeParameters {
        if (!(amWtPct > 0 && amWtPct < 100)) {
            throw new IllegalArgumentException("am_wt_pct must be in (0, 100) wt%, got " + amWtPct);
        }
        if (!(cbBinderRatio >= 0 && cbBinderRatio < 1)) {
            throw new IllegalArgumentException(
                    "cb_binder_ratio must be in [0, 1) (some binder is needed), got " + cbBinderRatio);
        }
        if (!(solidContentWtPct > 0 && solidContentWtPct < 100)) {
            throw new IllegalArgumentException("solid_content_wt_pct must be in (0, 100) wt%, got " + solidContentWtPct);
        }
        if (!(commaGapUm > 0 && commaGapUm <= 5000)) {
            throw new IllegalArgumentException("comma_gap_um must be in (0, 5000] um, got " + commaGapUm);
        }
        if (!(coatingSpeedMMin > 0 && coatingSpeedMMin <= 200)) {
            throw new IllegalArgumentException("coating_speed_m_min must be in (0, 200] m/min, got " + coatingSpeedMMin);
        }
        if (!(dryingTempC > 0 && dryingTempC <= 250)) {
            throw new IllegalArgumentException("drying_temp_c must be in (0, 250] degC, got " + dryingTempC);
        }
        if (!(calenderLineLoadNMm >= 0 && calenderLineLoadNMm <= 10000)) {
            throw new IllegalArgumentException(
                    "calender_line_load_n_mm must be in [0, 10000] N/mm, got " + calenderLineLoadNMm);
        }
    }

    /** Column names in table order (snake_case). */
    public static List<String> names() {
        return NAMES;
    }

    /** Units in the order of {@link #names()}. */
    public static List<String> units() {
        return UNITS;
    }

    /** The values in the order of {@link #names()} (a fresh array). */
    public double[] toArray() {
        return new double[] {amWtPct, cbBinderRatio, solidContentWtPct, commaGapUm, coatingSpeedMMin, dryingTempC,
                calenderLineLoadNMm};
    }

    /** Parameters from values in the order of {@link #names()}. */
    public static ElectrodeParameters fromArray(double[] v) {
        if (v.length != NAMES.size()) {
            throw new IllegalArgumentException("expected " + NAMES.size() + " values " + NAMES + ", got " + v.length);
        }
        return new ElectrodeParameters(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    /** Mass fraction of active material in the dry solids. */
    double amFraction() {
        return amWtPct / 100.0;
    }

    /** Mass fraction of conductive additive in the dry solids. */
    double cbFraction() {
        return (1.0 - amFraction()) * cbBinderRatio;
    }

    /** Mass fraction of binder in the dry solids. */
    double binderFraction() {
        return (1.0 - amFraction()) * (1.0 - cbBinderRatio);
    }
}
