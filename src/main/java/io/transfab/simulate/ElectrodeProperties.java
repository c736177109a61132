package io.transfab.simulate;

import java.util.List;

/**
 * The properties of one electrode as a lab would report them. Derived values are consistent
 * with the measured ones: {@code density = 10 * massLoading / thickness} (mg/cm2 over um gives
 * g/cm3 after the factor 10), {@code porosity = 1 - density / skeletal density} and
 * {@code effIonicConductivityRatio = porosity / tortuosity}.
 *
 * @param slurryViscosityPaS slurry viscosity at coating conditions, Pa s
 * @param wetThicknessUm wet film thickness, um
 * @param dryThicknessUm dried coating thickness before calendering (without foil), um
 * @param thicknessUm coating thickness after calendering (without foil), um
 * @param massLoadingMgCm2 coating mass per area, mg/cm2
 * @param densityGCm3 coating density after calendering, g/cm3
 * @param porosity pore volume fraction after calendering, in (0, 1)
 * @param tortuosity ionic tortuosity factor (MacMullin number times porosity), >= 1
 * @param effIonicConductivityRatio effective over bulk electrolyte conductivity, porosity / tortuosity
 * @param electronicConductivitySM through-plane electronic conductivity of the coating, S/m
 * @param adhesionNM 90-degree peel strength of coating to foil, N/m
 * @param arealCapacityMahCm2 reversible areal capacity, mAh/cm2
 */
public record ElectrodeProperties(double slurryViscosityPaS, double wetThicknessUm, double dryThicknessUm,
        double thicknessUm, double massLoadingMgCm2, double densityGCm3, double porosity, double tortuosity,
        double effIonicConductivityRatio, double electronicConductivitySM, double adhesionNM,
        double arealCapacityMahCm2) {
    private static final List<String> NAMES = List.of("slurry_viscosity_pa_s", "wet_thickness_um",
            "dry_thickness_um", "thickness_um", "mass_loading_mg_cm2", "density_g_cm3", "porosity", "tortuosity",
            "eff_ionic_conductivity_ratio", "electronic_conductivity_s_m", "adhesion_n_m", "areal_capacity_mah_cm2");
    private static final List<String> UNITS = List.of("Pa s", "um", "um", "um", "mg/cm2", "g/cm3", "1", "1", "1",
            "S/m", "N/m", "mAh/cm2");

    public ElectrodeProperties {
        double[] v = {slurryViscosityPaS, wetThicknessUm, dryThicknessUm, thicknessUm, massLoadingMgCm2, densityGCm3,
            porosity, tortuosity, effIonicConductivityRatio, electronicConductivitySM, adhesionNM,
            arealCapacityMahCm2};
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0 && v[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(NAMES.get(i) + " must be a positive finite number, got " + v[i]);
            }
        }
        if (!(porosity < 1)) {
            throw new IllegalArgumentException("porosity must be in (0, 1), got " + porosity);
        }
        if (!(thicknessUm <= dryThicknessUm)) {
            throw new IllegalArgumentException("calendered thickness " + thicknessUm
                    + " um exceeds the dry thickness " + dryThicknessUm + " um");
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
        return new double[] {slurryViscosityPaS, wetThicknessUm, dryThicknessUm, thicknessUm, massLoadingMgCm2,
            densityGCm3, porosity, tortuosity, effIonicConductivityRatio, electronicConductivitySM, adhesionNM,
            arealCapacityMahCm2};
    }
}
