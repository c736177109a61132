package io.transfab.simulate;

import io.transfab.data.Numbers;
import io.transfab.data.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A stochastic generator of gas diffusion layers (GDL) for PEM fuel cells. Each sample draws its
 * manufacturing parameters inside the family's ranges (Latin hypercube), builds a random fibre
 * microstructure in a voxel box ({@link FibreMicrostructure}), counts its porosity on the voxels and
 * derives transport properties: permeability (Tomadakis and Robertson 2005) and effective
 * diffusivity (Tomadakis and Sotirchos 1993) of random fibre beds, percolation-type electrical and
 * thermal conductivities and a power-law contact resistance. Every relation and constant, with
 * its source, is in docs/simulator.md ("Gas diffusion layers").
 *
 * <p>A per-sample fibre clustering (bundling) raises the in-plane permeability and lowers the
 * in-plane conductivity; by default it is not a column, so that part of the signal lives only in
 * the image ({@link GdlOptions.Clustering}). Same seed, same samples and images.
 */
public final class GdlSimulator {
    /** Tomadakis-Sotirchos percolation threshold of 2D (in-plane) random fibre structures. */
    public static final double TS_PERCOLATION_2D = 0.11;
    /** Tomadakis-Sotirchos exponent alpha of 2D random fibre structures, transport in the fibre plane. */
    public static final double TS_ALPHA_2D_IN_PLANE = 0.521;
    /** Tomadakis-Sotirchos exponent alpha of 2D random fibre structures, transport normal to the fibre plane. */
    public static final double TS_ALPHA_2D_THROUGH_PLANE = 0.785;
    /** Tomadakis-Sotirchos percolation threshold of 3D (isotropic) random fibre structures. */
    public static final double TS_PERCOLATION_3D = 0.037;
    /** Tomadakis-Sotirchos exponent alpha of 3D random fibre structures (isotropic). */
    public static final double TS_ALPHA_3D = 0.661;

    /** Density of PAN-based carbon fibre, g/cm3. */
    static final double FIBRE_DENSITY = 1.80;
    /** Density of carbonised (glassy-carbon) resin binder, g/cm3. */
    static final double BINDER_DENSITY = 1.50;
    /** Density of PTFE, g/cm3. */
    static final double PTFE_DENSITY = 2.20;
    /** Axial electrical conductivity of a graphitised carbon fibre, S/m. */
    static final double FIBRE_EL_CONDUCTIVITY = 1.25e5;
    /** Axial thermal conductivity of a graphitised carbon fibre, W/(m K). */
    static final double FIBRE_TH_CONDUCTIVITY = 120.0;
    /** Thermal conductivity of air at 25 degC, W/(m K). */
    static final double AIR_TH_CONDUCTIVITY = 0.026;
    /** Carbon volume fraction below which the solid network does not conduct. */
    static final double SOLID_PERCOLATION = 0.05;
    /** Percolation exponent of the contact-dominated through-plane network (Stauffer and Aharony 1994). */
    static final double PERCOLATION_EXPONENT = 2.0;
    /** Share of the in-plane conduction path that through-plane contacts provide besides tilted fibres. */
    static final double CONTACT_FACTOR = 0.15;
    /** Conductivity gain per unit binder/carbon volume ratio: in-plane, through-plane (binder bridges crossings). */
    static final double BINDER_BRIDGE_IP = 0.5;
    static final double BINDER_BRIDGE_TP = 2.0;
    /** Relative loss of through-plane conduction per unit PTFE mass fraction (PTFE insulates contacts). */
    static final double PTFE_CONTACT_LOSS = 1.0;
    /** Clamping pressure at zero compression (the sheet is just held), MPa. */
    static final double PRELOAD_MPA = 0.05;
    /** Exponent of the contact-resistance power law R = R_1 P^-beta. */
    static final double CONTACT_PRESSURE_EXPONENT = 0.7;
    /** Relative contact-resistance increase per unit PTFE mass fraction. */
    static final double PTFE_CONTACT_RESISTANCE_GAIN = 1.5;
    /** In-plane permeability gain at full clustering (wide inter-bundle channels). */
    static final double CLUSTER_PERMEABILITY_GAIN = 1.5;
    /** In-plane electrical-conductivity loss at full clustering (fewer bundle-to-bundle contacts). */
    static final double CLUSTER_CONDUCTIVITY_LOSS = 0.35;

    // Measurement noise at noise level 1 (relative unless marked absolute).
    static final double SD_AREAL_WEIGHT = 0.015;
    static final double SD_THICKNESS = 0.01;
    static final double SD_PRESSURE = 0.03;
    static final double SD_POROSITY = 0.005; // absolute
    static final double SD_PERMEABILITY = 0.08;
    static final double SD_DIFFUSIVITY = 0.05;
    static final double SD_EL_CONDUCTIVITY = 0.05;
    static final double SD_TH_CONDUCTIVITY = 0.08;
    static final double SD_CONTACT_RESISTANCE = 0.10;
    private static final int NOISE_TERMS = 13;

    /** Name of the optional clustering column ({@link GdlOptions.Clustering#COLUMN}). */
    public static final String CLUSTERING_COLUMN = "fibre_clustering";
    /** Name of the image-path column. */
    public static final String IMAGE_COLUMN = "image";

    private final GdlFamily family;
    private final GdlOptions options;

    private GdlSimulator(GdlFamily family, GdlOptions options) {
        this.family = family;
        this.options = options;
    }

    public static GdlSimulator of(GdlFamily family) {
        return of(family, GdlOptions.defaults());
    }

    public static GdlSimulator of(GdlFamily family, GdlOptions options) {
        return new GdlSimulator(Objects.requireNonNull(family, "family"), Objects.requireNonNull(options, "options"));
    }

    public GdlFamily family() {
        return family;
    }

    public GdlOptions options() {
        return options;
    }

    /** Latin-hypercube draw of {@code rows} parameter sets inside the family's ranges, 5 significant digits. */
    public List<GdlParameters> sample(int rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Range> ranges = family.ranges();
        double[][] v = ElectrodeSimulator.latinHypercube(rows, ranges.size(), rng);
        for (double[] row : v) {
            for (int d = 0; d < row.length; d++) {
                Range r = ranges.get(d);
                row[d] = Math.min(r.max(), Math.max(r.min(), ElectrodeSimulator.round(r.at(row[d]))));
            }
        }
        List<GdlParameters> out = new ArrayList<>(rows);
        for (double[] row : v) {
            out.add(GdlParameters.fromArray(row));
        }
        return List.copyOf(out);
    }

    /**
     * Simulates {@code rows} samples; {@code onRowDone} is told the number of finished rows. The
     * parameters, clustering draws and per-row seeds do not depend on the clustering option, so
     * tables with and without the hidden signal differ only in it.
     */
    public List<GdlSample> simulate(int rows, long seed, IntConsumer onRowDone) {
        SplittableRandom root = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (family.ordinal() + 11));
        List<GdlParameters> params = sample(rows, root.nextLong());
        SplittableRandom clusterRng = new SplittableRandom(root.nextLong());
        SplittableRandom rowRng = new SplittableRandom(root.nextLong());
        double[] clustering = new double[rows];
        long[] seeds = new long[rows];
        for (int i = 0; i < rows; i++) {
            double c = clusterRng.nextDouble();
            clustering[i] = options.clustering() == GdlOptions.Clustering.NONE ? 0.0 : c;
            seeds[i] = rowRng.nextLong();
        }
        // rows are independent given their seeds, so the parallel result equals the sequential one
        GdlSample[] out = new GdlSample[rows];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, rows).parallel().forEach(i -> {
            out[i] = evaluate(params.get(i), clustering[i], seeds[i]);
            onRowDone.accept(done.incrementAndGet());
        });
        return List.of(out);
    }

    /**
     * One sample for the set parameters: a microstructure with bundling probability
     * {@code clustering}, drawn from {@code seed}, and its properties with measurement noise
     * (none at noise level 0).
     */
    public GdlSample evaluate(GdlParameters p, double clustering, long seed) {
        Objects.requireNonNull(p, "parameters");
        if (!(clustering >= 0 && clustering <= 1)) {
            throw new IllegalArgumentException("clustering must be in [0, 1], got " + clustering);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        SplittableRandom structureRng = rng.split();
        double[] z = new double[NOISE_TERMS];
        for (int i = 0; i < z.length; i++) {
            z[i] = ElectrodeSimulator.truncatedGaussian(rng) * options.noiseLevel();
        }

        // Phase volume fractions of the compressed sheet (mass and in-plane area conserved).
        double fibre = p.compressedFibreFraction();
        double binder = p.compressedBinderFraction();
        double carbonMass = FIBRE_DENSITY * fibre + BINDER_DENSITY * binder; // g per cm3 of sheet
        double w = p.ptfeWtPct() / 100.0;
        double ptfeMass = carbonMass * w / (1.0 - w);
        double ptfe = ptfeMass / PTFE_DENSITY;
        double tilt = Math.atan(Math.tan(Math.toRadians(p.outOfPlaneAngleDeg())) * (1.0 - p.compressionRatio()));
        FibreMicrostructure m = FibreMicrostructure.generate(new FibreMicrostructure.Spec(options.imageSize(),
                p.fibreDiameterUm() / 2.0 / FibreMicrostructure.VOXEL_UM, fibre, binder, ptfe, family.layup(),
                p.fibreAlignment(), tilt, clustering), structureRng);

        // Measured on the voxels.
        double eps = m.porosity();
        double carbon = m.fraction(FibreMicrostructure.FIBRE) + m.fraction(FibreMicrostructure.BINDER);
        double binderShare = m.fraction(FibreMicrostructure.BINDER) / carbon;
        double uz2 = m.orientation()[2];
        double radiusUm = p.fibreDiameterUm() / 2.0;

        // Tomadakis-Sotirchos constants, interpolated from 2D (in-plane fibres) to 3D (isotropic) by 3 <u_z^2>.
        double iso = Math.min(1.0, 3.0 * uz2);
        double epsP = lerp(TS_PERCOLATION_2D, TS_PERCOLATION_3D, iso);
        double alphaTp = lerp(TS_ALPHA_2D_THROUGH_PLANE, TS_ALPHA_3D, iso);
        double alphaIp = lerp(TS_ALPHA_2D_IN_PLANE, TS_ALPHA_3D, iso);
        double kTp = tomadakisRobertsonPermeability(eps, epsP, alphaTp, radiusUm);
        double kIp = tomadakisRobertsonPermeability(eps, epsP, alphaIp, radiusUm)
                * (1.0 + CLUSTER_PERMEABILITY_GAIN * clustering);
        double dTp = tomadakisSotirchosDiffusivity(eps, epsP, alphaTp);
        double dIp = tomadakisSotirchosDiffusivity(eps, epsP, alphaIp);

        // Conduction in the carbon network: in-plane along continuous fibres (rule of mixtures above the
        // threshold), through-plane across fibre contacts (percolation exponent 2).
        double above = Math.max(0.0, (carbon - SOLID_PERCOLATION) / (1.0 - SOLID_PERCOLATION));
        double ipPath = above * (1.0 - uz2) / 2.0 * (1.0 + BINDER_BRIDGE_IP * binderShare);
        double tpPath = Math.pow(above, PERCOLATION_EXPONENT) * (CONTACT_FACTOR + uz2)
                * (1.0 + BINDER_BRIDGE_TP * binderShare) * (1.0 - PTFE_CONTACT_LOSS * w);
        double sigmaIp = FIBRE_EL_CONDUCTIVITY * ipPath * (1.0 - CLUSTER_CONDUCTIVITY_LOSS * clustering);
        double sigmaTp = FIBRE_EL_CONDUCTIVITY * tpPath;
        double thermalIp = FIBRE_TH_CONDUCTIVITY * ipPath + AIR_TH_CONDUCTIVITY * eps;
        double thermalTp = FIBRE_TH_CONDUCTIVITY * tpPath + AIR_TH_CONDUCTIVITY * eps;

        // Compression and contact resistance.
        double pressure = compressionPressureMPa(p.compressionRatio());
        double contact = family.contactResistanceMOhmCm2() * Math.pow(pressure, -CONTACT_PRESSURE_EXPONENT)
                * (1.0 + PTFE_CONTACT_RESISTANCE_GAIN * w);
        double areal = (carbonMass + ptfeMass) * p.compressedThicknessUm(); // g/cm3 * um = g/m2

        GdlProperties props = new GdlProperties(areal * (1 + SD_AREAL_WEIGHT * z[0]),
                p.compressedThicknessUm() * (1 + SD_THICKNESS * z[1]), pressure * (1 + SD_PRESSURE * z[2]),
                eps + SD_POROSITY * z[3], kTp * (1 + SD_PERMEABILITY * z[4]), kIp * (1 + SD_PERMEABILITY * z[5]),
                dTp * (1 + SD_DIFFUSIVITY * z[6]), dIp * (1 + SD_DIFFUSIVITY * z[7]),
                sigmaTp * (1 + SD_EL_CONDUCTIVITY * z[8]), sigmaIp * (1 + SD_EL_CONDUCTIVITY * z[9]),
                thermalTp * (1 + SD_TH_CONDUCTIVITY * z[10]), thermalIp * (1 + SD_TH_CONDUCTIVITY * z[11]),
                contact * (1 + SD_CONTACT_RESISTANCE * z[12]));
        return new GdlSample(p, clustering, props, m.render());
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    /**
     * Tomadakis-Sotirchos effective diffusivity ratio of a random fibre bed (bulk regime),
     * {@code D_eff / D = eps ((eps - eps_p) / (1 - eps_p))^alpha}, 0 at or below the threshold.
     */
    public static double tomadakisSotirchosDiffusivity(double eps, double epsP, double alpha) {
        if (!(eps > epsP)) {
            return 0.0;
        }
        return eps * Math.pow((eps - epsP) / (1.0 - epsP), alpha);
    }

    /**
     * Tomadakis-Robertson permeability of a random fibre bed of fibre radius {@code r},
     * {@code k = eps (eps - eps_p)^(alpha+2) r^2 / (8 ln(eps)^2 (1 - eps_p)^alpha ((alpha+1) eps - eps_p)^2)},
     * in the square of the unit of {@code r}; 0 at or below the threshold.
     */
    public static double tomadakisRobertsonPermeability(double eps, double epsP, double alpha, double r) {
        if (!(eps > epsP && eps < 1)) {
            throw new IllegalArgumentException("porosity must be in (eps_p, 1), got " + eps);
        }
        double ln = Math.log(eps);
        double den = (alpha + 1) * eps - epsP;
        return eps * Math.pow(eps - epsP, alpha + 2) * r * r
                / (8.0 * ln * ln * Math.pow(1.0 - epsP, alpha) * den * den);
    }

    /** Clamping pressure for a compression ratio, {@code P = P_0 + A CR^n} (family constants), MPa. */
    public double compressionPressureMPa(double compressionRatio) {
        return PRELOAD_MPA + family.stiffnessMPa() * Math.pow(compressionRatio, family.stiffnessExponent());
    }

    /**
     * The table of the samples: parameters, {@code fibre_clustering} (only with
     * {@link GdlOptions.Clustering#COLUMN}), {@code image} (only if {@code imagePrefix} is not null:
     * {@code imagePrefix + 00001.png} ..., relative to the table), then the properties.
     */
    public Table table(List<GdlSample> samples, String imagePrefix, long seed) {
        boolean clusterColumn = options.clustering() == GdlOptions.Clustering.COLUMN;
        List<String> names = new ArrayList<>(GdlParameters.names());
        List<String> units = new ArrayList<>(GdlParameters.units());
        if (clusterColumn) {
            names.add(CLUSTERING_COLUMN);
            units.add("1");
        }
        if (imagePrefix != null) {
            names.add(IMAGE_COLUMN);
            units.add("");
        }
        names.addAll(GdlProperties.names());
        units.addAll(GdlProperties.units());
        List<List<String>> rows = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            GdlSample s = samples.get(i);
            List<String> row = new ArrayList<>(names.size());
            for (double v : s.parameters().toArray()) {
                row.add(Numbers.format(v));
            }
            if (clusterColumn) {
                row.add(Numbers.format(ElectrodeSimulator.round(s.clustering())));
            }
            if (imagePrefix != null) {
                row.add(imagePrefix + imageName(i));
            }
            for (double v : s.properties().toArray()) {
                row.add(Numbers.format(ElectrodeSimulator.round(v)));
            }
            rows.add(row);
        }
        return Table.of("sim-gdl-" + family.cliName() + "-seed-" + seed, names, units, rows);
    }

    /** File name of the image of row {@code index} (0-based): 00001.png, 00002.png, ... */
    public static String imageName(int index) {
        return String.format(Locale.ROOT, "%05d.png", index + 1);
    }

    /** Writes every sample's image as {@link #imageName} into {@code dir} (a fresh, temporary directory). */
    public static void writeImages(List<GdlSample> samples, Path dir) throws IOException {
        for (int i = 0; i < samples.size(); i++) {
            samples.get(i).image().writePng(dir.resolve(imageName(i)));
        }
    }
}
