package io.transfab.simulate;

import io.transfab.data.Numbers;
import io.transfab.data.Table;
import io.transfab.evaluate.Splits;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A stochastic, physics-based model of electrode manufacturing for one chemistry: slurry
 * (mass balance, Krieger-Dougherty viscosity), comma-bar coating (Couette-Poiseuille gap flow),
 * drying (solvent removal, temperature-driven binder migration), calendering (Meyer et al. 2017
 * compaction law) and the resulting transport properties (Bruggeman-type tortuosity, percolating
 * conductive network) and areal capacity. Every relation and constant is documented with its
 * source in docs/simulator.md.
 *
 * <p>Randomness comes only from the {@code long seed} arguments: the same seed gives a
 * bit-identical result. Noise has three layers, each scaled by {@link SimulatorOptions#noiseLevel()}:
 * process variability (the realised gap, speed, temperature, line load and solid content differ
 * from the set ones), material-lot variability (density, capacity, packing, compaction resistance,
 * binder viscosity) and measurement noise on every reported property. All noise terms are
 * Gaussian truncated at three standard deviations.
 */
public final class ElectrodeSimulator {
    /** Effective pressure gradient driving flow through the comma gap, Pa/m (calibrated, see docs). */
    static final double GAP_PRESSURE_GRADIENT_PA_M = 1.0e7;
    /** Effective-volume factor of carbon-black aggregates (occluded solvent), after Medalia 1967. */
    static final double CB_EFFECTIVE_VOLUME_FACTOR = 2.5;
    /** Exponent of binder-solution viscosity versus binder concentration at coating shear rates. */
    static final double BINDER_VISCOSITY_EXPONENT = 2.0;
    /** Wet-film thickness at which the critical drying temperature of a chemistry is defined, um. */
    static final double REFERENCE_WET_THICKNESS_UM = 150.0;
    /** Porosity increase of the dried film at full binder migration (earlier film consolidation). */
    static final double MIGRATION_POROSITY_SHIFT = 0.02;
    /** Relative peel-strength loss at full binder migration (binder depleted at the foil). */
    static final double MIGRATION_ADHESION_LOSS = 0.6;
    /** Relative electronic-conductivity loss at full binder migration (carbon-binder domain moves up). */
    static final double MIGRATION_CONDUCTIVITY_LOSS = 0.3;
    /** Conductivity prefactor of the carbon-black network, S/m. */
    static final double CB_CONDUCTIVITY_S_M = 1.0e3;
    /** Carbon-black volume fraction of the electrode at the percolation threshold. */
    static final double CB_PERCOLATION_THRESHOLD = 0.01;
    /** Universal 3D percolation conductivity exponent t (Stauffer and Aharony 1994). */
    static final double PERCOLATION_EXPONENT = 2.0;
    /** Bruggeman exponent of the active-material network's own conductivity. */
    static final double SOLID_BRUGGEMAN_EXPONENT = 1.5;
    /** Largest accepted phi/phi_m of a set slurry: beyond it the slurry is a paste, not coatable. */
    static final double MAX_RELATIVE_PACKING = 0.9;
    /** Molar gas constant, J/(mol K). */
    static final double GAS_CONSTANT = 8.314462618;
    /** Significant digits of the numbers written to tables. */
    static final int SIGNIFICANT_DIGITS = 5;

    // Standard deviations of the noise model at noise level 1 (relative unless marked absolute).
    static final double SD_GAP = 0.02;
    static final double SD_SPEED = 0.01;
    static final double SD_TEMP_K = 2.0; // absolute
    static final double SD_LINE_LOAD = 0.03;
    static final double SD_SOLIDS = 0.005;
    static final double SD_LOT_ACTIVE_DENSITY = 0.005;
    static final double SD_LOT_CAPACITY = 0.015;
    static final double SD_LOT_DRY_POROSITY = 0.01; // absolute
    static final double SD_LOT_COMPACTION = 0.05;
    static final double SD_LOT_BINDER_VISCOSITY = 0.10;
    static final double SD_MEAS_VISCOSITY = 0.03;
    static final double SD_MEAS_WET_THICKNESS = 0.02;
    static final double SD_MEAS_THICKNESS = 0.01;
    static final double SD_MEAS_LOADING = 0.01;
    static final double SD_MEAS_TORTUOSITY = 0.05;
    static final double SD_MEAS_CONDUCTIVITY = 0.05;
    static final double SD_MEAS_ADHESION = 0.08;
    static final double SD_MEAS_CAPACITY = 0.02;
    private static final int NOISE_TERMS = 19;
    static final double TRUNCATION = 3.0;

    private final Chemistry chemistry;
    private final MaterialConstants mat;
    private final SimulatorOptions options;

    private ElectrodeSimulator(Chemistry chemistry, MaterialConstants materials, SimulatorOptions options) {
        this.chemistry = chemistry;
        this.mat = materials;
        this.options = options;
    }

    /** A simulator with {@link SimulatorOptions#defaults()}. */
    public static ElectrodeSimulator of(Chemistry chemistry) {
        return of(chemistry, SimulatorOptions.defaults());
    }

    public static ElectrodeSimulator of(Chemistry chemistry, SimulatorOptions options) {
        Objects.requireNonNull(chemistry, "chemistry");
        Objects.requireNonNull(options, "options");
        return new ElectrodeSimulator(chemistry, chemistry.materials(), options);
    }

    /**
     * The same chemistry and options with other material constants, e.g. one raw-material lot
     * ({@link MaterialLot}); the process window and the range checks stay those of {@code materials}.
     */
    public ElectrodeSimulator withMaterials(MaterialConstants materials) {
        Objects.requireNonNull(materials, "materials");
        return new ElectrodeSimulator(chemistry, materials, options);
    }

    /** The material constants this simulator uses (the chemistry's, unless {@link #withMaterials} changed them). */
    public MaterialConstants materials() {
        return mat;
    }

    public Chemistry chemistry() {
        return chemistry;
    }

    public SimulatorOptions options() {
        return options;
    }

    /** All column names of a simulated table: {@link ElectrodeParameters#names()} then {@link ElectrodeProperties#names()}. */
    public static List<String> columnNames() {
        List<String> n = new ArrayList<>(ElectrodeParameters.names());
        n.addAll(ElectrodeProperties.names());
        return List.copyOf(n);
    }

    /** Units in the order of {@link #columnNames()}. */
    public static List<String> columnUnits() {
        List<String> u = new ArrayList<>(ElectrodeParameters.units());
        u.addAll(ElectrodeProperties.units());
        return List.copyOf(u);
    }

    /**
     * Draws {@code rows} parameter sets from the chemistry's ranges ({@link SimulatorOptions#sampling()}),
     * each value rounded to 5 significant digits as it would be written in a lab journal.
     */
    public List<ElectrodeParameters> sample(int rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Range> ranges = mat.ranges().asList();
        int dims = ranges.size();
        double[][] u = options.sampling() == SimulatorOptions.Sampling.LATIN_HYPERCUBE
                ? latinHypercube(rows, dims, rng) : uniform(rows, dims, rng);
        List<ElectrodeParameters> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            double[] v = new double[dims];
            for (int d = 0; d < dims; d++) {
                Range r = ranges.get(d);
                v[d] = Math.min(r.max(), Math.max(r.min(), round(r.at(u[i][d]))));
            }
            out.add(ElectrodeParameters.fromArray(v));
        }
        return List.copyOf(out);
    }

    /**
     * A table of {@code rows} simulated runs: sampled parameters ({@link #sample}) and their noisy
     * properties ({@link #evaluate}); numbers carry 5 significant digits. Same seed, same table.
     */
    public Table simulate(int rows, long seed) {
        return simulate(rows, seed, i -> this);
    }

    /**
     * As {@link #simulate(int, long)} (same design, same noise draws), but row {@code i} is run
     * through {@code rowSimulator.apply(i)}, e.g. the simulator of the material lot it used
     * ({@link #withMaterials}). With {@code i -> this} the table is identical to {@code simulate(rows, seed)}.
     */
    public Table simulate(int rows, long seed, IntFunction<ElectrodeSimulator> rowSimulator) {
        Objects.requireNonNull(rowSimulator, "rowSimulator");
        // the chemistry is mixed into the seed so that equal seeds give unrelated designs across chemistries
        SplittableRandom root = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (chemistry.ordinal() + 1));
        List<ElectrodeParameters> params = sample(rows, root.nextLong());
        return tabulate(params, root.nextLong(), "sim-" + chemistry.cliName() + "-seed-" + seed, rowSimulator);
    }

    /**
     * Runs the given parameter sets through the (noisy) lab, one independent noise draw per row
     * derived from {@code seed}: the "lab in the loop" for active learning.
     */
    public Table tabulate(List<ElectrodeParameters> params, long seed) {
        return tabulate(params, seed, "sim-" + chemistry.cliName() + "-lab-seed-" + seed, i -> this);
    }

    private Table tabulate(List<ElectrodeParameters> params, long seed, String source,
            IntFunction<ElectrodeSimulator> rowSimulator) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("need at least one parameter set to tabulate");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<String>> rows = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            ElectrodeParameters p = params.get(i);
            ElectrodeProperties props = rowSimulator.apply(i).evaluate(p, rng.nextLong());
            List<String> row = new ArrayList<>(columnNames().size());
            for (double v : p.toArray()) {
                row.add(Numbers.format(v));
            }
            for (double v : props.toArray()) {
                row.add(Numbers.format(round(v)));
            }
            rows.add(row);
        }
        return Table.of(source, columnNames(), columnUnits(), rows);
    }

    /**
     * The properties a lab would measure for the set parameters {@code p}: process, lot and
     * measurement noise drawn from {@code seed} and scaled by the noise level. At noise level 0 this
     * equals {@link #evaluateNoiseFree}.
     *
     * @throws IllegalArgumentException if {@code p} violates the range policy or the slurry cannot be coated
     */
    public ElectrodeProperties evaluate(ElectrodeParameters p, long seed) {
        check(p);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] z = new double[NOISE_TERMS];
        for (int i = 0; i < z.length; i++) {
            z[i] = truncatedGaussian(rng) * options.noiseLevel();
        }
        return compute(p, z);
    }

    /** The deterministic model: realised equals set parameters, nominal materials, exact measurements. */
    public ElectrodeProperties evaluateNoiseFree(ElectrodeParameters p) {
        check(p);
        return compute(p, new double[NOISE_TERMS]);
    }

    /**
     * Skeletal density of the dry solid mix from the nominal component densities,
     * {@code 1 / rho_s = w_AM / rho_AM + w_CB / rho_CB + w_B / rho_B}, g/cm3. Reported porosity
     * is {@code 1 - density / skeletalDensity}.
     */
    public double skeletalDensity(ElectrodeParameters p) {
        return 1.0 / specificSolidVolume(p, mat.activeDensityGCm3());
    }

    private double specificSolidVolume(ElectrodeParameters p, double activeDensity) {
        return p.amFraction() / activeDensity + p.cbFraction() / mat.conductiveDensityGCm3()
                + p.binderFraction() / mat.binderDensityGCm3();
    }

    private void check(ElectrodeParameters p) {
        Objects.requireNonNull(p, "parameters");
        if (options.rangePolicy() == SimulatorOptions.RangePolicy.CHEMISTRY_RANGES) {
            List<String> bad = mat.ranges().violations(p);
            if (!bad.isEmpty()) {
                throw new IllegalArgumentException("parameters outside the " + chemistry.cliName() + " ranges: "
                        + String.join("; ", bad) + " (use RangePolicy.PHYSICAL_LIMITS to extrapolate)");
            }
        }
        Slurry s = slurry(p, p.solidContentWtPct() / 100.0, mat.activeDensityGCm3(), mat.binderSolutionViscosityPaS());
        if (!(s.relativePacking <= MAX_RELATIVE_PACKING)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "slurry too concentrated to coat: particle volume fraction %.3f is %.0f%% of the maximum"
                            + " packing %.2f (limit %.0f%%); lower solid_content_wt_pct",
                    s.particleFraction, 100 * s.relativePacking, mat.maxPackingFraction(),
                    100 * MAX_RELATIVE_PACKING));
        }
        double shrinkage = s.solidVolumeFraction / (1.0 - mat.dryPorosity() - MIGRATION_POROSITY_SHIFT);
        if (!(shrinkage < 1.0)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "solid volume fraction %.3f of the slurry exceeds the packing of the dried film (%.3f):"
                            + " the film could not shrink on drying; lower solid_content_wt_pct",
                    s.solidVolumeFraction, 1.0 - mat.dryPorosity() - MIGRATION_POROSITY_SHIFT));
        }
    }

    /** Slurry state: density, particle volume fraction, Krieger-Dougherty viscosity. */
    private record Slurry(double densityGCm3, double solidVolumeFraction, double particleFraction,
            double relativePacking, double viscosityPaS) {
    }

    /**
     * Mass balance per gram of slurry and Krieger-Dougherty viscosity
     * {@code eta = eta_c (1 - phi/phi_m)^(-[eta] phi_m)} (Krieger and Dougherty 1959), where the
     * continuous phase is the binder solution, {@code eta_c = eta_solvent + eta_b (c_b/c_ref)^2}.
     */
    private Slurry slurry(ElectrodeParameters p, double solids, double activeDensity, double binderViscosity) {
        double vAm = p.amFraction() / activeDensity;
        double vCb = p.cbFraction() / mat.conductiveDensityGCm3();
        double vB = p.binderFraction() / mat.binderDensityGCm3();
        Solvent solvent = mat.solvent();
        double volume = solids * (vAm + vCb + vB) + (1.0 - solids) / solvent.densityGCm3(); // cm3 per g slurry
        double phi = solids * (vAm + CB_EFFECTIVE_VOLUME_FACTOR * vCb) / volume;
        double relPacking = phi / mat.maxPackingFraction();
        double binderInLiquid = solids * p.binderFraction() / (solids * p.binderFraction() + 1.0 - solids);
        double etaC = solvent.viscosityPaS()
                + binderViscosity * Math.pow(binderInLiquid / mat.binderReferenceFraction(), BINDER_VISCOSITY_EXPONENT);
        double eta = relPacking < 1.0
                ? etaC * Math.pow(1.0 - relPacking, -mat.intrinsicViscosity() * mat.maxPackingFraction())
                : Double.POSITIVE_INFINITY;
        return new Slurry(1.0 / volume, solids * (vAm + vCb + vB) / volume, phi, relPacking, eta);
    }

    /** The model with noise vector z (standard normals already scaled by the noise level). */
    private ElectrodeProperties compute(ElectrodeParameters p, double[] z) {
        return compute(p, z, null);
    }

    /** The model; a non-null {@code profile} replaces the single drying temperature (opt-in, see docs). */
    private ElectrodeProperties compute(ElectrodeParameters p, double[] z, DryingProfile profile) {
        // Realised process parameters and material lot.
        double gapUm = p.commaGapUm() * (1.0 + SD_GAP * z[0]);
        double speedMS = p.coatingSpeedMMin() * (1.0 + SD_SPEED * z[1]) / 60.0;
        double dryingK = p.dryingTempC() + SD_TEMP_K * z[2] + 273.15;
        double lineLoad = p.calenderLineLoadNMm() * (1.0 + SD_LINE_LOAD * z[3]);
        double solids = p.solidContentWtPct() / 100.0 * (1.0 + SD_SOLIDS * z[4]);
        double activeDensity = mat.activeDensityGCm3() * (1.0 + SD_LOT_ACTIVE_DENSITY * z[5]);
        double capacity = mat.specificCapacityMahG() * (1.0 + SD_LOT_CAPACITY * z[6]);
        double dryPorosityRef = mat.dryPorosity() + SD_LOT_DRY_POROSITY * z[7];
        double gammaC = mat.compactionResistanceNMm() * (1.0 + SD_LOT_COMPACTION * z[8]);
        double binderViscosity = mat.binderSolutionViscosityPaS() * (1.0 + SD_LOT_BINDER_VISCOSITY * z[9]);

        // Slurry.
        Slurry s = slurry(p, solids, activeDensity, binderViscosity);
        if (!(s.relativePacking < 1.0)) {
            throw new IllegalStateException("realised slurry reached maximum packing; parameters " + p);
        }

        // Comma-bar coating: Couette-Poiseuille flow through the gap, bounded to [1/2, 1) of the gap.
        double gapM = gapUm * 1e-6;
        double pi = GAP_PRESSURE_GRADIENT_PA_M * gapM * gapM / (6.0 * s.viscosityPaS * speedMS);
        double wetUm = gapUm * (0.5 + 0.5 * pi / (1.0 + pi));
        // mg/cm2 = g/cm3 * um * 1e-4 cm/um * 1e3 mg/g * solids mass fraction
        double loading = s.densityGCm3 * wetUm * solids * 0.1;

        // Drying: evaporation rate from Clausius-Clapeyron, binder migration as a saturating Peclet function.
        double rate = profile == null ? evaporationRate(dryingK)
                : profileRate(profile, p.coatingSpeedMMin() * (1.0 + SD_SPEED * z[1]), SD_TEMP_K * z[2]);
        double peclet = rate * wetUm / REFERENCE_WET_THICKNESS_UM;
        double migration = profile == null ? peclet / (1.0 + peclet) : windowMigration(peclet);
        double dryPorosity = dryPorosityRef + MIGRATION_POROSITY_SHIFT * migration;
        double skeletal = 1.0 / specificSolidVolume(p, activeDensity);
        double dryUm = 10.0 * loading / (skeletal * (1.0 - dryPorosity));

        // Calendering (Meyer et al. 2017): eps(q) = eps_inf + (eps_0 - eps_inf) exp(-q / gamma_c).
        double porosity = mat.minPorosity() + (dryPorosity - mat.minPorosity()) * Math.exp(-lineLoad / gammaC);
        double thicknessUm = dryUm * (1.0 - dryPorosity) / (1.0 - porosity);

        // Transport: tau = k eps^-alpha; electronic network = active particles + percolating carbon black.
        double tortuosity = mat.tortuosityPrefactor() * Math.pow(porosity, -mat.bruggemanExponent());
        double vSolid = specificSolidVolume(p, activeDensity);
        double phiAm = (1.0 - porosity) * (p.amFraction() / activeDensity) / vSolid;
        double phiCb = (1.0 - porosity) * (p.cbFraction() / mat.conductiveDensityGCm3()) / vSolid;
        double cbExcess = Math.max(0.0, phiCb - CB_PERCOLATION_THRESHOLD) / (1.0 - CB_PERCOLATION_THRESHOLD);
        double electronic = (mat.activeNetworkConductivitySM() * Math.pow(phiAm, SOLID_BRUGGEMAN_EXPONENT)
                + CB_CONDUCTIVITY_S_M * Math.pow(cbExcess, PERCOLATION_EXPONENT))
                * (1.0 - MIGRATION_CONDUCTIVITY_LOSS * migration);
        double adhesion = mat.adhesionNM() * p.binderFraction() / mat.referenceBinderFraction()
                * (1.0 - MIGRATION_ADHESION_LOSS * migration);
        double areal = loading * p.amFraction() * capacity / 1000.0;

        // Measurements; derived quantities are computed from the measured ones, as a lab does.
        double viscosityM = s.viscosityPaS * (1.0 + SD_MEAS_VISCOSITY * z[10]);
        double wetM = wetUm * (1.0 + SD_MEAS_WET_THICKNESS * z[11]);
        double dryM = dryUm * (1.0 + SD_MEAS_THICKNESS * z[12]);
        // same gauge, same spot: a calendered reading above the uncalendered one is re-measured
        double thicknessM = Math.min(thicknessUm * (1.0 + SD_MEAS_THICKNESS * z[13]), dryM);
        double loadingM = loading * (1.0 + SD_MEAS_LOADING * z[14]);
        double densityM = 10.0 * loadingM / thicknessM;
        double porosityM = 1.0 - densityM / skeletalDensity(p);
        double tortuosityM = tortuosity * (1.0 + SD_MEAS_TORTUOSITY * z[15]);
        double electronicM = electronic * (1.0 + SD_MEAS_CONDUCTIVITY * z[16]);
        double adhesionM = adhesion * (1.0 + SD_MEAS_ADHESION * z[17]);
        // capacity is measured on the weighed disc: loading error carries over, plus cycler scatter
        double arealM = areal * (loadingM / loading) * (1.0 + SD_MEAS_CAPACITY * z[18]);
        return new ElectrodeProperties(viscosityM, wetM, dryM, thicknessM, loadingM, densityM, porosityM,
                tortuosityM, porosityM / tortuosityM, electronicM, adhesionM, arealM);
    }

    /** Relative evaporation rate at film temperature {@code kelvin} (Clausius-Clapeyron, 1 at T_crit). */
    private double evaporationRate(double kelvin) {
        return Math.exp(-mat.solvent().vaporizationEnthalpyJMol() / GAS_CONSTANT
                * (1.0 / kelvin - 1.0 / (mat.criticalDryingTempC() + 273.15)));
    }

    // ---- Opt-in drying temperature profile (docs/simulator.md, "Drying temperature profile") ----

    /**
     * Evaporative dose fraction (share of the total solvent removed) at the centre of the critical
     * migration window: the end of film shrinkage / start of pore emptying, about half of the solvent
     * for slurries of 45-55 vol% solids (chosen; Jaiser et al. 2016, 2017).
     */
    static final double CRITICAL_DOSE_FRACTION = 0.5;
    /** Standard deviation of the Gaussian migration window over the dose fraction (chosen). */
    static final double CRITICAL_WINDOW_WIDTH = 0.05;
    /**
     * Exponent n of the migration degree {@code Pe^n / (1 + Pe^n)} on the profile path (chosen): with
     * n = 2 an eightfold drying rate in the critical window halves the peel strength, the range
     * Jaiser et al. 2016 report between slow and fast drying; n = 1 (the default path) gives only 1.5x.
     */
    static final double WINDOW_MIGRATION_EXPONENT = 2.0;
    /** Name of the time-series column written by {@link #simulateWithDryingProfiles}. */
    public static final String DRYING_PROFILE_COLUMN = "drying_profile_c";

    /**
     * The evaporation rate in the critical migration window, {@code r_win = int r(T) w(f) dt / int w(f) dt},
     * with {@code f(t) = int_0^t r dt / int r dt} the evaporative dose fraction and {@code w} a Gaussian
     * around {@link #CRITICAL_DOSE_FRACTION}: binder migrates mainly around the end of film shrinkage,
     * and the drying rate there governs it (Jaiser et al., J. Power Sources 318 (2016) 210 and 345
     * (2017) 97), so a profile that is slow in that window keeps the adhesion of slow drying whatever
     * its rate before and after.
     */
    double profileRate(DryingProfile profile, double speedMMin, double offsetK) {
        double[] film = profile.fineFilmTemperatures(speedMMin, offsetK, DryingProfile.STEPS);
        double[] r = new double[film.length];
        double total = 0;
        for (int k = 0; k < film.length; k++) {
            r[k] = evaporationRate(film[k] + 273.15);
            total += r[k];
        }
        double dose = 0;
        double weighted = 0;
        double weights = 0;
        for (double rk : r) {
            double u = ((dose + 0.5 * rk) / total - CRITICAL_DOSE_FRACTION) / CRITICAL_WINDOW_WIDTH;
            double w = Math.exp(-0.5 * u * u);
            weighted += rk * w;
            weights += w;
            dose += rk;
        }
        return weighted / weights;
    }

    /** Migration degree from the window Peclet number; equals the default {@code Pe/(1+Pe)} at Pe = 1. */
    static double windowMigration(double peclet) {
        double pn = Math.pow(peclet, WINDOW_MIGRATION_EXPONENT);
        return pn / (1.0 + pn);
    }

    /**
     * Like {@link #evaluate(ElectrodeParameters, long)}, but the film dries along {@code profile}
     * (the set {@code drying_temp_c} is then ignored; for drawn profiles it is their mean zone temperature).
     */
    public ElectrodeProperties evaluate(ElectrodeParameters p, DryingProfile profile, long seed) {
        check(p);
        Objects.requireNonNull(profile, "profile");
        SplittableRandom rng = new SplittableRandom(seed);
        double[] z = new double[NOISE_TERMS];
        for (int i = 0; i < z.length; i++) {
            z[i] = truncatedGaussian(rng) * options.noiseLevel();
        }
        return compute(p, z, profile);
    }

    /** The deterministic model dried along {@code profile}. */
    public ElectrodeProperties evaluateNoiseFree(ElectrodeParameters p, DryingProfile profile) {
        check(p);
        Objects.requireNonNull(profile, "profile");
        return compute(p, new double[NOISE_TERMS], profile);
    }

    /**
     * The table of {@link #simulate} (same parameter design for the same seed) where every run is
     * dried along its own random multi-zone profile ({@link DryingProfile#random}) whose mean zone
     * temperature is the row's {@code drying_temp_c}. The film-temperature history is written as an
     * inline series {@code [v1;...;v32]} in the column {@link #DRYING_PROFILE_COLUMN}, after the
     * parameters.
     */
    public Table simulateWithDryingProfiles(int rows, long seed) {
        SplittableRandom root = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (chemistry.ordinal() + 1));
        List<ElectrodeParameters> params = sample(rows, root.nextLong());
        long noiseSeed = root.nextLong();
        SplittableRandom rng = new SplittableRandom(noiseSeed);
        SplittableRandom shapes = new SplittableRandom(noiseSeed ^ 0x632BE59BD9B4E019L);
        List<String> names = new ArrayList<>(ElectrodeParameters.names());
        names.add(DRYING_PROFILE_COLUMN);
        names.addAll(ElectrodeProperties.names());
        List<String> units = new ArrayList<>(ElectrodeParameters.units());
        units.add("degC");
        units.addAll(ElectrodeProperties.units());
        List<List<String>> out = new ArrayList<>(rows);
        for (ElectrodeParameters p : params) {
            DryingProfile profile = DryingProfile.random(p.dryingTempC(), shapes);
            ElectrodeProperties props = evaluate(p, profile, rng.nextLong());
            List<String> row = new ArrayList<>(names.size());
            for (double v : p.toArray()) {
                row.add(Numbers.format(v));
            }
            StringBuilder series = new StringBuilder("[");
            for (double v : profile.filmTemperatures(p.coatingSpeedMMin(), 0.0, DryingProfile.STEPS)) {
                series.append(series.length() > 1 ? ";" : "").append(Numbers.format(round(v)));
            }
            row.add(series.append(']').toString());
            for (double v : props.toArray()) {
                row.add(Numbers.format(round(v)));
            }
            out.add(row);
        }
        return Table.of("sim-" + chemistry.cliName() + "-profile-seed-" + seed, names, units, out);
    }

    /**
     * Points of a Latin hypercube in the unit cube: per dimension a random permutation of the
     * {@code rows} strata and a uniform position inside each (McKay, Beckman and Conover 1979).
     */
    static double[][] latinHypercube(int rows, int dims, SplittableRandom rng) {
        double[][] u = new double[rows][dims];
        for (int d = 0; d < dims; d++) {
            int[] perm = Splits.permutation(rows, rng);
            for (int i = 0; i < rows; i++) {
                u[i][d] = (perm[i] + rng.nextDouble()) / rows;
            }
        }
        return u;
    }

    private static double[][] uniform(int rows, int dims, SplittableRandom rng) {
        double[][] u = new double[rows][dims];
        for (int d = 0; d < dims; d++) {
            for (int i = 0; i < rows; i++) {
                u[i][d] = rng.nextDouble();
            }
        }
        return u;
    }

    /** A standard normal draw truncated at +-{@link #TRUNCATION} (redrawn beyond it). */
    static double truncatedGaussian(SplittableRandom rng) {
        double g;
        do {
            g = rng.nextGaussian();
        } while (Math.abs(g) > TRUNCATION);
        return g;
    }

    /** Rounds to {@link #SIGNIFICANT_DIGITS} significant digits (half-even). */
    static double round(double v) {
        if (v == 0.0 || !Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN)).doubleValue();
    }
}
