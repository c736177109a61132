package io.transfab.simulate;

/**
 * Slurry solvents with the properties the simulator uses: density and viscosity at 25 degC
 * (CRC Handbook of Chemistry and Physics, 97th ed., 2016) and molar enthalpy of vaporisation,
 * which sets how fast the evaporation rate grows with drying temperature (Clausius-Clapeyron).
 */
public enum Solvent {
    /** N-methyl-2-pyrrolidone, the usual solvent of PVDF-bound cathodes. */
    NMP("N-methyl-2-pyrrolidone", 1.028, 1.65e-3, 53.0e3, 202.0),
    /** Water, the usual solvent of CMC/SBR-bound anodes. */
    WATER("water", 0.997, 0.89e-3, 43.99e3, 100.0);

    private final String label;
    private final double densityGCm3;
    private final double viscosityPaS;
    private final double vaporizationEnthalpyJMol;
    private final double boilingPointC;

    Solvent(String label, double densityGCm3, double viscosityPaS, double vaporizationEnthalpyJMol,
            double boilingPointC) {
        this.label = label;
        this.densityGCm3 = densityGCm3;
        this.viscosityPaS = viscosityPaS;
        this.vaporizationEnthalpyJMol = vaporizationEnthalpyJMol;
        this.boilingPointC = boilingPointC;
    }

    public String label() {
        return label;
    }

    /** Density at 25 degC in g/cm3. */
    public double densityGCm3() {
        return densityGCm3;
    }

    /** Dynamic viscosity at 25 degC in Pa s. */
    public double viscosityPaS() {
        return viscosityPaS;
    }

    /** Molar enthalpy of vaporisation near 25 degC in J/mol. */
    public double vaporizationEnthalpyJMol() {
        return vaporizationEnthalpyJMol;
    }

    /** Normal boiling point in degC. */
    public double boilingPointC() {
        return boilingPointC;
    }
}
