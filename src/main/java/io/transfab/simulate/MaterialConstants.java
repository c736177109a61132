package io.transfab.simulate;

import java.util.List;
import java.util.Objects;

/**
 * The material constants and typical process window of one electrode chemistry. Every value,
 * its unit and its literature source are listed in docs/simulator.md; {@link #sources()} holds
 * the references as short citations.
 *
 * @param activeMaterial name of the active material
 * @param activeDensityGCm3 true (skeletal) density of the active material, g/cm3
 * @param specificCapacityMahG practical reversible specific capacity of the active material, mAh/g
 * @param conductiveAdditive name of the conductive additive
 * @param conductiveDensityGCm3 skeletal density of the conductive additive, g/cm3
 * @param binder name of the binder system
 * @param binderDensityGCm3 density of the dry binder, g/cm3
 * @param solvent slurry solvent
 * @param binderSolutionViscosityPaS viscosity of the binder solution at {@code binderReferenceFraction}, Pa s
 * @param binderReferenceFraction binder mass fraction in the liquid phase at which
 *        {@code binderSolutionViscosityPaS} holds
 * @param intrinsicViscosity Krieger-Dougherty intrinsic viscosity [eta] of the particles (2.5 for spheres)
 * @param maxPackingFraction Krieger-Dougherty maximum packing fraction phi_m, in (0, 1)
 * @param dryPorosity porosity of the dried, uncalendered coating without binder migration, in (0, 1)
 * @param minPorosity porosity approached at infinite line load (Meyer et al. 2017 eps_inf), below dryPorosity
 * @param compactionResistanceNMm Meyer et al. 2017 compaction resistance gamma_c, N/mm
 * @param tortuosityPrefactor prefactor k of tau = k eps^(-alpha) (1 for Bruggeman)
 * @param bruggemanExponent exponent alpha of tau = k eps^(-alpha) (0.5 for spheres)
 * @param criticalDryingTempC drying temperature at which a 150 um wet film reaches half of the maximal
 *        binder migration, degC
 * @param referenceBinderFraction binder mass fraction of the dry solids at which the peel strength is
 *        {@code adhesionNM}
 * @param adhesionNM peel strength without binder migration at {@code referenceBinderFraction}, N/m
 * @param activeNetworkConductivitySM conductivity of the active-material particle network itself, S/m
 * @param ranges typical manufacturing-parameter ranges
 * @param sources literature sources of the values above
 */
public record MaterialConstants(String activeMaterial, double activeDensityGCm3, double specificCapacityMahG,
        String conductiveAdditive, double conductiveDensityGCm3, String binder, double binderDensityGCm3,
        Solvent solvent, double binderSolutionViscosityPaS, double binderReferenceFraction, double intrinsicViscosity,
        double maxPackingFraction, double dryPorosity, double minPorosity, double compactionResistanceNMm,
        double tortuosityPrefactor, double bruggemanExponent, double criticalDryingTempC,
        double referenceBinderFraction, double adhesionNM, double activeNetworkConductivitySM, ParameterRanges ranges,
        List<String> sources) {
    public MaterialConstants {
        Objects.requireNonNull(activeMaterial, "activeMaterial");
        Objects.requireNonNull(conductiveAdditive, "conductiveAdditive");
        Objects.requireNonNull(binder, "binder");
        Objects.requireNonNull(solvent, "solvent");
        Objects.requireNonNull(ranges, "ranges");
        sources = List.copyOf(sources);
        positive("activeDensityGCm3", activeDensityGCm3);
        positive("specificCapacityMahG", specificCapacityMahG);
        positive("conductiveDensityGCm3", conductiveDensityGCm3);
        positive("binderDensityGCm3", binderDensityGCm3);
        positive("binderSolutionViscosityPaS", binderSolutionViscosityPaS);
        fraction("binderReferenceFraction", binderReferenceFraction);
        if (!(intrinsicViscosity >= 2.5)) {
            throw new IllegalArgumentException("intrinsicViscosity must be >= 2.5 (Einstein), got " + intrinsicViscosity);
        }
        fraction("maxPackingFraction", maxPackingFraction);
        fraction("dryPorosity", dryPorosity);
        fraction("minPorosity", minPorosity);
        if (!(minPorosity < dryPorosity)) {
            throw new IllegalArgumentException(
                    "minPorosity " + minPorosity + " must be below dryPorosity " + dryPorosity);
        }
        positive("compactionResistanceNMm", compactionResistanceNMm);
        if (!(tortuosityPrefactor >= 1)) {
            throw new IllegalArgumentException("tortuosityPrefactor must be >= 1, got " + tortuosityPrefactor);
        }
        positive("bruggemanExponent", bruggemanExponent);
        positive("criticalDryingTempC", criticalDryingTempC);
        fraction("referenceBinderFraction", referenceBinderFraction);
        positive("adhesionNM", adhesionNM);
        positive("activeNetworkConductivitySM", activeNetworkConductivitySM);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("material constants need at least one literature source");
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + v);
        }
    }

    private static void fraction(String name, double v) {
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), got " + v);
        }
    }
}
