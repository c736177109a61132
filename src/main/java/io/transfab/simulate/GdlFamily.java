package io.transfab.simulate;

import io.transfab.data.CliNamed;
import java.util.List;

/**
 * A gas-diffusion-layer material family: its manufacturing-parameter ranges (in the column order
 * of {@link GdlParameters#names()}), how its fibres are laid and its mechanical and contact
 * constants. The values and their sources are listed in docs/simulator.md ("Gas diffusion layers").
 */
public enum GdlFamily implements CliNamed {
    /** Wet-laid, resin-bonded and graphitised carbon paper (Toray TGP-H, SGL 24/25 type). */
    CARBON_PAPER("paper", Layup.PLANAR_RANDOM,
            List.of(Range.of(7, 9), Range.of(0.14, 0.24), Range.of(150, 300), Range.of(0, 20), Range.of(2, 6),
                    Range.of(0, 0.30), Range.of(0, 0.6), Range.of(2, 8)),
            10.0, 1.5, 5.0),
    /** Woven carbon cloth (warp and weft yarns, little binder; ELAT type). */
    CARBON_CLOTH("cloth", Layup.WOVEN,
            List.of(Range.of(7, 10), Range.of(0.15, 0.25), Range.of(300, 450), Range.of(0, 20), Range.of(0, 1.5),
                    Range.of(0, 0.40), Range.of(0.3, 0.9), Range.of(1, 5)),
            3.0, 1.8, 8.0),
    /** Needle-punched / hydro-entangled carbon felt (Freudenberg type), fibres partly through-plane. */
    FELT("felt", Layup.PLANAR_RANDOM,
            List.of(Range.of(9, 12), Range.of(0.07, 0.14), Range.of(300, 500), Range.of(0, 20), Range.of(1, 5),
                    Range.of(0, 0.50), Range.of(0, 0.3), Range.of(10, 30)),
            4.0, 1.6, 6.0);

    /** How fibre directions are drawn in the sheet plane. */
    public enum Layup {
        /** Machine-direction share {@code fibre_alignment} near 0 degrees, the rest uniform. */
        PLANAR_RANDOM,
        /** Warp (0 degrees) and weft (90 degrees) yarns; {@code fibre_alignment} is the weave regularity. */
        WOVEN
    }

    private final String cliName;
    private final Layup layup;
    private final List<Range> ranges;
    private final double stiffnessMPa;
    private final double stiffnessExponent;
    private final double contactResistanceMOhmCm2;

    GdlFamily(String cliName, Layup layup, List<Range> ranges, double stiffnessMPa, double stiffnessExponent,
            double contactResistanceMOhmCm2) {
        this.cliName = cliName;
        this.layup = layup;
        this.ranges = List.copyOf(ranges);
        this.stiffnessMPa = stiffnessMPa;
        this.stiffnessExponent = stiffnessExponent;
        this.contactResistanceMOhmCm2 = contactResistanceMOhmCm2;
    }

    /** The name used on the command line: paper, cloth or felt. */
    @Override
    public String cliName() {
        return cliName;
    }

    public Layup layup() {
        return layup;
    }

    /** Parameter ranges in the order of {@link GdlParameters#names()}. */
    public List<Range> ranges() {
        return ranges;
    }

    /** Prefactor A of the compression law {@code P = P_0 + A CR^n}, MPa. */
    public double stiffnessMPa() {
        return stiffnessMPa;
    }

    /** Exponent n of the compression law {@code P = P_0 + A CR^n}. */
    public double stiffnessExponent() {
        return stiffnessExponent;
    }

    /** Contact resistance to a graphite plate at 1 MPa without PTFE, mOhm cm2. */
    public double contactResistanceMOhmCm2() {
        return contactResistanceMOhmCm2;
    }

    /** The family for a command-line name (case-insensitive). */
    public static GdlFamily fromCliName(String name) {
        return CliNamed.parse(GdlFamily.class, name, "GDL family");
    }
}
