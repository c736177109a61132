package io.transfab.design;

import io.transfab.model.Seeds;
import io.transfab.simulate.GdlFamily;
import io.transfab.simulate.GdlOptions;
import io.transfab.simulate.GdlParameters;
import io.transfab.simulate.GdlProperties;
import io.transfab.simulate.GdlSimulator;
import java.util.List;

/**
 * The GDL simulator of one material family as a lab of the design studies, on its tabular columns only: the
 * eight manufacturing parameters in, the thirteen properties out, no image column. Each run builds a fibre
 * microstructure of {@link #IMAGE_SIZE} voxels a side (porosity is counted on it, so it cannot be skipped; 32
 * rather than the smallest 16 because a 16-voxel box holds only a few 10 um fibres, and simulating costs little
 * beside fine-tuning either way) without fibre clustering ({@link GdlOptions.Clustering#NONE}), so no part of
 * the properties hides in an image the study does not use. The "true" value of a point is the noise-free
 * simulator on a structure drawn from a seed fixed by the point, so it keeps the voxel scatter of one sample.
 */
public final class GdlLab implements Lab {
    /** Voxels per side of the simulated structures. */
    public static final int IMAGE_SIZE = 32;

    private final GdlSimulator simulator;
    private final GdlSimulator noiseFree;
    private final ParameterSpace space;
    /** Position in the space of each simulator parameter, in {@link GdlParameters#names()} order. */
    private final int[] position;

    private GdlLab(GdlSimulator simulator, GdlSimulator noiseFree, ParameterSpace space, int[] position) {
        this.simulator = simulator;
        this.noiseFree = noiseFree;
        this.space = space;
        this.position = position;
    }

    /**
     * A lab for {@code space}, which must hold exactly the eight GDL parameters, all numeric; {@code spaceSource}
     * names the space in error messages.
     */
    public static GdlLab of(GdlFamily family, double noiseLevel, ParameterSpace space, String spaceSource) {
        int[] pos = SimulatorLab.positions(GdlParameters.names(), space, spaceSource);
        GdlOptions o = GdlOptions.defaults().withImageSize(IMAGE_SIZE).withClustering(GdlOptions.Clustering.NONE);
        return new GdlLab(GdlSimulator.of(family, o.withNoiseLevel(noiseLevel)),
                GdlSimulator.of(family, o.withNoiseLevel(0)), space, pos);
    }

    /** The family's parameter ranges as a parameter space file (all parameters continuous). */
    public static String spaceYaml(GdlFamily family) {
        return SimulatorLab.spaceYaml("the GDL simulator's " + family.cliName() + " family", GdlParameters.names(),
                family.ranges());
    }

    /** The space of {@link #spaceYaml}. */
    public static ParameterSpace space(GdlFamily family) {
        return ParameterSpace.parse(spaceYaml(family), family.cliName() + " parameter ranges");
    }

    @Override
    public ParameterSpace parameterSpace() {
        return space;
    }

    @Override
    public String name() {
        return simulator.family().cliName();
    }

    @Override
    public String windowYaml() {
        return spaceYaml(simulator.family());
    }

    @Override
    public List<String> propertyNames() {
        return GdlProperties.names();
    }

    @Override
    public List<String> propertyUnits() {
        return GdlProperties.units();
    }

    @Override
    public double[][] measure(List<double[]> points, int[] properties, long seed) {
        double[][] out = new double[points.size()][];
        for (int i = 0; i < out.length; i++) {
            GdlProperties p = simulator.evaluate(parameters(points.get(i)), 0.0, Seeds.derive(seed, i)).properties();
            out[i] = SimulatorLab.pick(p.toArray(), properties);
        }
        return out;
    }

    @Override
    public double[] truth(double[] point, int[] properties) {
        GdlParameters p = parameters(point);
        long structure = Seeds.derive(0L, java.util.Arrays.toString(point));
        return SimulatorLab.pick(noiseFree.evaluate(p, 0.0, structure).properties().toArray(), properties);
    }

    private GdlParameters parameters(double[] point) {
        double[] v = new double[position.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = point[position[k]];
        }
        return GdlParameters.fromArray(v);
    }
}
