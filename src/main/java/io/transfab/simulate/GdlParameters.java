package io.transfab.simulate;

import java.util.List;

/**
 * The set manufacturing parameters of one gas diffusion layer.
 *
 * @param fibreDiameterUm carbon fibre diameter, um
 * @param fibreVolumeFraction fibre volume fraction of the uncompressed sheet, in (0, 0.6)
 * @param thicknessUm uncompressed sheet thickness, um
 * @param ptfeWtPct PTFE share of the total dry mass, wt%, in [0, 60)
 * @param binderVolPct carbonised-binder volume share of the uncompressed sheet, vol%, in [0, 30)
 * @param compressionRatio thickness reduction in the cell, 1 - t_compressed / t, in [0, 0.7)
 * @param fibreAlignment 0 = random in-plane directions, 1 = all along the machine direction (paper, felt);
 *        for cloth the regularity of the weave, in [0, 1]
 * @param outOfPlaneAngleDeg standard deviation of the fibre tilt out of the sheet plane before compression, degrees
 */
public record GdlParameters(double fibreDiameterUm, double fibreVolumeFraction, double thicknessUm, double ptfeWtPct,
        double binderVolPct, double compressionRatio, double fibreAlignment, double outOfPlaneAngleDeg) {
    private static final List<String> NAMES = List.of("fibre_diameter_um", "fibre_volume_fraction", "thickness_um",
            "ptfe_wt_pct", "binder_vol_pct", "compression_ratio", "fibre_alignment", "out_of_plane_angle_deg");
    private static final List<String> UNITS = List.of("um", "1", "um", "wt%", "vol%", "1", "1", "deg");

    public GdlParameters {
        check(fibreDiameterUm > 2 && fibreDiameterUm <= 30, "fibre_diameter_um", "(2, 30] um", fibreDiameterUm);
        check(fibreVolumeFraction > 0 && fibreVolumeFraction < 0.6, "fibre_volume_fraction", "(0, 0.6)",
                fibreVolumeFraction);
        check(thicknessUm > 20 && thicknessUm <= 2000, "thickness_um", "(20, 2000] um", thicknessUm);
        check(ptfeWtPct >= 0 && ptfeWtPct < 60, "ptfe_wt_pct", "[0, 60) wt%", ptfeWtPct);
        check(binderVolPct >= 0 && binderVolPct < 30, "binder_vol_pct", "[0, 30) vol%", binderVolPct);
        check(compressionRatio >= 0 && compressionRatio < 0.7, "compression_ratio", "[0, 0.7)", compressionRatio);
        check(fibreAlignment >= 0 && fibreAlignment <= 1, "fibre_alignment", "[0, 1]", fibreAlignment);
        check(outOfPlaneAngleDeg >= 0 && outOfPlaneAngleDeg <= 45, "out_of_plane_angle_deg", "[0, 45] deg",
                outOfPlaneAngleDeg);
    }

    private static void check(boolean ok, String name, String range, double v) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be in " + range + ", got " + v);
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
        return new double[] {fibreDiameterUm, fibreVolumeFraction, thicknessUm, ptfeWtPct, binderVolPct,
            compressionRatio, fibreAlignment, outOfPlaneAngleDeg};
    }

    /** Parameters from values in the order of {@link #names()}. */
    public static GdlParameters fromArray(double[] v) {
        if (v.length != NAMES.size()) {
            throw new IllegalArgumentException("expected " + NAMES.size() + " values " + NAMES + ", got " + v.length);
        }
        return new GdlParameters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /** Fibre volume fraction after compression (mass and in-plane area conserved). */
    double compressedFibreFraction() {
        return fibreVolumeFraction / (1.0 - compressionRatio);
    }

    /** Binder volume fraction after compression. */
    double compressedBinderFraction() {
        return binderVolPct / 100.0 / (1.0 - compressionRatio);
    }

    /** Compressed thickness, um. */
    double compressedThicknessUm() {
        return thicknessUm * (1.0 - compressionRatio);
    }
}
