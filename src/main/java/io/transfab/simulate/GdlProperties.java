package io.transfab.simulate;

import java.util.List;

/**
 * The measured properties of one gas diffusion layer in its compressed state.
 *
 * @param arealWeightGM2 mass per area, g/m2
 * @param compressedThicknessUm thickness under compression, um
 * @param compressionPressureMPa clamping pressure that produces the compression ratio, MPa
 * @param porosity void volume fraction counted on the voxels of the microstructure
 * @param permeabilityTpUm2 through-plane Darcy permeability, um2 (1e-12 m2)
 * @param permeabilityIpUm2 in-plane Darcy permeability, um2
 * @param diffusivityRatioTp through-plane effective over bulk gas diffusivity, below porosity
 * @param diffusivityRatioIp in-plane effective over bulk gas diffusivity, below porosity
 * @param elConductivityTpSM through-plane electrical conductivity, S/m
 * @param elConductivityIpSM in-plane electrical conductivity, S/m
 * @param thConductivityTpWMK through-plane thermal conductivity, W/(m K)
 * @param thConductivityIpWMK in-plane thermal conductivity, W/(m K)
 * @param contactResistanceMOhmCm2 electrical contact resistance to a graphite plate, mOhm cm2
 */
public record GdlProperties(double arealWeightGM2, double compressedThicknessUm, double compressionPressureMPa,
        double porosity, double permeabilityTpUm2, double permeabilityIpUm2, double diffusivityRatioTp,
        double diffusivityRatioIp, double elConductivityTpSM, double elConductivityIpSM, double thConductivityTpWMK,
        double thConductivityIpWMK, double contactResistanceMOhmCm2) {
    private static final List<String> NAMES = List.of("areal_weight_g_m2", "compressed_thickness_um",
            "compression_pressure_mpa", "porosity", "permeability_tp_um2", "permeability_ip_um2",
            "diffusivity_ratio_tp", "diffusivity_ratio_ip", "el_conductivity_tp_s_m", "el_conductivity_ip_s_m",
            "th_conductivity_tp_w_mk", "th_conductivity_ip_w_mk", "contact_resistance_mohm_cm2");
    private static final List<String> UNITS = List.of("g/m2", "um", "MPa", "1", "um2", "um2", "1", "1", "S/m", "S/m",
            "W/(m K)", "W/(m K)", "mOhm cm2");

    public GdlProperties {
        double[] v = toArray(arealWeightGM2, compressedThicknessUm, compressionPressureMPa, porosity,
                permeabilityTpUm2, permeabilityIpUm2, diffusivityRatioTp, diffusivityRatioIp, elConductivityTpSM,
                elConductivityIpSM, thConductivityTpWMK, thConductivityIpWMK, contactResistanceMOhmCm2);
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0 && v[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(NAMES.get(i) + " must be a positive finite number, got " + v[i]);
            }
        }
        if (!(porosity < 1)) {
            throw new IllegalArgumentException("porosity must be in (0, 1), got " + porosity);
        }
    }

    private static double[] toArray(double... v) {
        return v;
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
        return toArray(arealWeightGM2, compressedThicknessUm, compressionPressureMPa, porosity, permeabilityTpUm2,
                permeabilityIpUm2, diffusivityRatioTp, diffusivityRatioIp, elConductivityTpSM, elConductivityIpSM,
                thConductivityTpWMK, thConductivityIpWMK, contactResistanceMOhmCm2);
    }
}
