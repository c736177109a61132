package io.transfab.simulate;

import java.util.SplittableRandom;

/**
 * One raw-material lot: relative changes of the material constants that differ from delivery to
 * delivery. They act through the physics ({@link ElectrodeSimulator#withMaterials}), not as offsets
 * on the table: a harder or coarser powder compacts less on calendering (porosity, thickness,
 * tortuosity), a binder of other molecular weight changes the slurry viscosity and so the wet film,
 * the active material's practical capacity moves the areal capacity, and the particle network's
 * conductivity moves the electronic conductivity.
 *
 * @param name                  lot label, e.g. {@code lot1}
 * @param capacityFactor        multiplies the specific capacity of the active material
 * @param compactionFactor      multiplies the compaction resistance (particle size and hardness)
 * @param binderViscosityFactor multiplies the binder-solution viscosity (binder molecular weight)
 * @param conductivityFactor    multiplies the conductivity of the active-particle network
 */
public record MaterialLot(String name, double capacityFactor, double compactionFactor, double binderViscosityFactor,
        double conductivityFactor) {
    public MaterialLot {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a material lot needs a name");
        }
        for (double f : new double[] {capacityFactor, compactionFactor, binderViscosityFactor, conductivityFactor}) {
            if (!(f > 0 && f < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("lot " + name + ": factors must be positive and finite, got " + f);
            }
        }
    }

    /** The nominal lot: every factor 1. */
    public static MaterialLot nominal(String name) {
        return new MaterialLot(name, 1, 1, 1, 1);
    }

    /**
     * A lot whose factors are {@code 1 + sd * z} with independent standard normals z truncated at
     * three standard deviations; {@code sd} below 1/3 keeps every factor positive.
     */
    public static MaterialLot draw(String name, double sd, SplittableRandom rng) {
        double limit = 1.0 / ElectrodeSimulator.TRUNCATION;
        if (!(sd >= 0 && sd < limit)) {
            throw new IllegalArgumentException("lot standard deviation must be in [0, " + limit + "), got " + sd);
        }
        double[] f = new double[4];
        for (int k = 0; k < f.length; k++) {
            f[k] = 1 + sd * ElectrodeSimulator.truncatedGaussian(rng);
        }
        return new MaterialLot(name, f[0], f[1], f[2], f[3]);
    }

    /** The constants of this lot: {@code m} with the four lot-dependent values scaled. */
    public MaterialConstants apply(MaterialConstants m) {
        return new MaterialConstants(m.activeMaterial(), m.activeDensityGCm3(),
                m.specificCapacityMahG() * capacityFactor, m.conductiveAdditive(), m.conductiveDensityGCm3(),
                m.binder(), m.binderDensityGCm3(), m.solvent(), m.binderSolutionViscosityPaS() * binderViscosityFactor,
                m.binderReferenceFraction(), m.intrinsicViscosity(), m.maxPackingFraction(), m.dryPorosity(),
                m.minPorosity(), m.compactionResistanceNMm() * compactionFactor, m.tortuosityPrefactor(),
                m.bruggemanExponent(), m.criticalDryingTempC(), m.referenceBinderFraction(), m.adhesionNM(),
                m.activeNetworkConductivitySM() * conductivityFactor, m.ranges(), m.sources());
    }
}
