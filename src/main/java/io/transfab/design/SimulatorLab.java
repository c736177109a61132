package io.transfab.design;

import io.transfab.data.DataException;
import io.transfab.model.Seeds;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeParameters;
import io.transfab.simulate.ElectrodeProperties;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.simulate.Range;
import io.transfab.simulate.SimulatorOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The electrode simulator as the "lab in the loop" of the design studies: runs points of a parameter space
 * (the simulator's seven manufacturing parameters, in any order) and reports measured (noisy) or true
 * (noise-free) properties. Points outside the chemistry's typical ranges are accepted as long as the physics
 * holds ({@link SimulatorOptions.RangePolicy#PHYSICAL_LIMITS}).
 */
public final class SimulatorLab implements Lab {
    private final ElectrodeSimulator simulator;
    private final ParameterSpace space;
    /** Position in the space of each simulator parameter, in {@link ElectrodeParameters#names()} order. */
    private final int[] position;

    private SimulatorLab(ElectrodeSimulator simulator, ParameterSpace space, int[] position) {
        this.simulator = simulator;
        this.space = space;
        this.position = position;
    }

    /**
     * A lab for {@code space}, which must hold exactly the simulator's parameters, all numeric;
     * {@code spaceSource} names the space in error messages.
     */
    public static SimulatorLab of(Chemistry chemistry, double noiseLevel, ParameterSpace space, String spaceSource) {
        int[] pos = positions(ElectrodeParameters.names(), space, spaceSource);
        SimulatorOptions o = SimulatorOptions.defaults().withNoiseLevel(noiseLevel)
                .withRangePolicy(SimulatorOptions.RangePolicy.PHYSICAL_LIMITS);
        return new SimulatorLab(ElectrodeSimulator.of(chemistry, o), space, pos);
    }

    /**
     * Position in {@code space} of each of the simulator parameters {@code names}; a user error naming
     * {@code spaceSource} unless the space holds exactly these parameters, all numeric.
     */
    static int[] positions(List<String> names, ParameterSpace space, String spaceSource) {
        int[] pos = new int[names.size()];
        java.util.Arrays.fill(pos, -1);
        for (int j = 0; j < space.dimension(); j++) {
            Parameter p = space.parameters().get(j);
            int k = names.indexOf(p.name());
            if (k < 0) {
                throw DataException.of(spaceSource, "parameter '" + p.name() + "' is not a simulator parameter (the "
                        + "simulator knows: " + String.join(", ", names) + ")");
            }
            if (p.isCategorical()) {
                throw DataException.of(spaceSource, "parameter '" + p.name() + "' must be numeric for the simulator");
            }
            pos[k] = j;
        }
        for (int k = 0; k < pos.length; k++) {
            if (pos[k] < 0) {
                throw DataException.of(spaceSource, "the simulator needs parameter '" + names.get(k) + "'; add it");
            }
        }
        return pos;
    }

    /** The chemistry's typical process window as a parameter space file (all parameters continuous). */
    public static String spaceYaml(Chemistry chemistry) {
        return spaceYaml("the simulator's " + chemistry.cliName() + " chemistry", ElectrodeParameters.names(),
                chemistry.ranges().asList());
    }

    /** A parameter space file of continuous parameters {@code names} over {@code ranges}. */
    static String spaceYaml(String what, List<String> names, List<Range> ranges) {
        StringBuilder sb = new StringBuilder("# process window of " + what + "\nparameters:\n");
        for (int k = 0; k < names.size(); k++) {
            sb.append(String.format(Locale.ROOT, "  - {name: %s, type: continuous, min: %s, max: %s}%n",
                    names.get(k), plain(ranges.get(k).min()), plain(ranges.get(k).max())));
        }
        return sb.toString();
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** The space of {@link #spaceYaml}. */
    public static ParameterSpace space(Chemistry chemistry) {
        return ParameterSpace.parse(spaceYaml(chemistry), chemistry.cliName() + " process window");
    }

    @Override
    public ParameterSpace parameterSpace() {
        return space;
    }

    @Override
    public String name() {
        return simulator.chemistry().cliName();
    }

    @Override
    public String windowYaml() {
        return spaceYaml(simulator.chemistry());
    }

    @Override
    public List<String> propertyNames() {
        return ElectrodeProperties.names();
    }

    @Override
    public List<String> propertyUnits() {
        return ElectrodeProperties.units();
    }

    public Chemistry chemistry() {
        return simulator.chemistry();
    }

    /** Index of {@code property} in {@link ElectrodeProperties#names()}; an IllegalArgumentException listing them otherwise. */
    public static int propertyIndex(String property) {
        int i = ElectrodeProperties.names().indexOf(property);
        if (i < 0) {
            throw DataException.option("unknown property '" + property + "'; the simulator reports: "
                    + String.join(", ", ElectrodeProperties.names()));
        }
        return i;
    }

    /**
     * Measures every point once: {@code out[i][k]} is property {@code properties[k]} of point i, with the noise
     * of run i drawn from {@code Seeds.derive(seed, i)} (so a longer list measures its prefix identically).
     */
    @Override
    public double[][] measure(List<double[]> points, int[] properties, long seed) {
        double[][] out = new double[points.size()][];
        for (int i = 0; i < out.length; i++) {
            double[] all = simulator.evaluate(parameters(points.get(i)), Seeds.derive(seed, i)).toArray();
            out[i] = pick(all, properties);
        }
        return out;
    }

    /** The noise-free properties of a point. */
    @Override
    public double[] truth(double[] point, int[] properties) {
        return pick(simulator.evaluateNoiseFree(parameters(point)).toArray(), properties);
    }

    static double[] pick(double[] all, int[] properties) {
        double[] v = new double[properties.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = all[properties[k]];
        }
        return v;
    }

    private ElectrodeParameters parameters(double[] point) {
        double[] v = new double[position.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = point[position[k]];
        }
        return ElectrodeParameters.fromArray(v);
    }

    /**
     * {@code n} feasible points drawn uniformly from the space (numeric parameters snapped as the space maps
     * unit-cube points), from {@code rng}.
     */
    static List<double[]> uniform(ParameterSpace space, int n, SplittableRandom rng) {
        List<double[]> out = new ArrayList<>(n);
        long tries = 0;
        while (out.size() < n) {
            if (++tries > Designer.MAX_CANDIDATES + (long) n) {
                throw DataException.option("the constraints leave too small a feasible region for "
                        + n + " random points");
            }
            double[] u = new double[space.dimension()];
            for (int j = 0; j < u.length; j++) {
                u[j] = rng.nextDouble();
            }
            double[] x = space.fromUnit(u);
            if (space.isFeasible(x)) {
                out.add(x);
            }
        }
        return out;
    }
}
