package io.transfab.simulate;

import java.util.SplittableRandom;

/**
 * A random fibrous microstructure in a periodic voxel box: straight cylindrical fibres (freely
 * overlapping, as in the random fibre beds of Tomadakis and Sotirchos) added one by one until the
 * voxel fibre fraction reaches its target, then carbonised binder grown into fibre crossings and
 * PTFE coated onto solid surfaces until their targets are reached. Porosity, phase fractions and
 * the fibre orientation tensor are measured on the voxels, and {@link #render()} gives an in-plane
 * (top-view) grey-level image of the sheet surface.
 *
 * <p>Fibres may be bundled: with probability {@code clustering} a fibre joins the current bundle
 * (shared direction, axis within about one fibre diameter of the bundle axis) instead of being
 * placed independently. Bundling leaves porosity unchanged but opens wide inter-bundle channels;
 * it is visible in the image.
 */
public final class FibreMicrostructure {
    /** Voxel edge length, um. */
    public static final double VOXEL_UM = 2.0;
    /** Depth of the simulated slab, voxels (the slab is a representative volume, not the full sheet). */
    public static final int DEPTH = 24;
    /** Fibres per bundle when clustering. */
    static final int BUNDLE_SIZE = 6;
    /** Standard deviation of a bundled fibre's axis from the bundle axis, in fibre diameters. */
    static final double BUNDLE_SPREAD_DIAMETERS = 0.8;
    /** Direction scatter of fibres inside a bundle, rad. */
    static final double BUNDLE_ANGLE_SD = Math.toRadians(3.0);
    /** Direction scatter of machine-direction (or warp/weft) fibres, rad. */
    static final double ALIGNED_ANGLE_SD = Math.toRadians(10.0);
    /** Largest fibre tilt out of the plane, rad (steeper draws are redrawn). */
    static final double MAX_TILT = Math.toRadians(70.0);

    static final byte VOID = 0;
    static final byte FIBRE = 1;
    static final byte BINDER = 2;
    static final byte PTFE = 3;

    private final int nx;
    private final int ny;
    private final int nz;
    private final byte[] label;
    private final double[] orientation = new double[3]; // length-weighted <u_x^2>, <u_y^2>, <u_z^2>

    private FibreMicrostructure(int size) {
        this.nx = size;
        this.ny = size;
        this.nz = DEPTH;
        this.label = new byte[nx * ny * nz];
    }

    /**
     * What to generate.
     *
     * @param size in-plane box edge in voxels (= image size in pixels)
     * @param fibreRadiusVoxels fibre radius in voxels
     * @param fibreFraction target fibre volume fraction
     * @param binderFraction target binder volume fraction
     * @param ptfeFraction target PTFE volume fraction
     * @param layup how in-plane directions are drawn
     * @param alignment machine-direction share (planar) or weave regularity (woven), in [0, 1]
     * @param tiltSd standard deviation of the out-of-plane tilt, rad
     * @param clustering probability that a fibre joins a bundle, in [0, 1]
     */
    public record Spec(int size, double fibreRadiusVoxels, double fibreFraction, double binderFraction,
            double ptfeFraction, GdlFamily.Layup layup, double alignment, double tiltSd, double clustering) {
        public Spec {
            if (size < 8 || size > 1024) {
                throw new IllegalArgumentException("image size must be in [8, 1024] pixels, got " + size);
            }
            if (!(fibreRadiusVoxels >= 0.5)) {
                throw new IllegalArgumentException("fibre radius must be at least half a voxel, got " + fibreRadiusVoxels);
            }
            double solid = fibreFraction + binderFraction + ptfeFraction;
            if (!(fibreFraction > 0 && binderFraction >= 0 && ptfeFraction >= 0 && solid < 0.9)) {
                throw new IllegalArgumentException("phase fractions must be non-negative with fibre > 0 and a total"
                        + " solid fraction below 0.9, got " + fibreFraction + ", " + binderFraction + ", "
                        + ptfeFraction);
            }
            if (!(alignment >= 0 && alignment <= 1 && tiltSd >= 0 && clustering >= 0 && clustering <= 1)) {
                throw new IllegalArgumentException("alignment and clustering must be in [0, 1] and tilt >= 0");
            }
            java.util.Objects.requireNonNull(layup, "layup");
        }
    }

    /** Generates a microstructure; the same spec and random stream give the same voxels. */
    public static FibreMicrostructure generate(Spec spec, SplittableRandom rng) {
        FibreMicrostructure m = new FibreMicrostructure(spec.size());
        m.addFibres(spec, rng);
        long total = m.label.length;
        m.grow(BINDER, Math.round(spec.binderFraction() * total), true, rng);
        m.grow(PTFE, Math.round(spec.ptfeFraction() * total), false, rng);
        return m;
    }

    private void addFibres(Spec spec, SplittableRandom rng) {
        double r = spec.fibreRadiusVoxels();
        long target = Math.round(spec.fibreFraction() * label.length);
        double perLength = Math.PI * r * r;
        long solid = 0;
        double[] bundleCentre = null;
        double[] bundleDir = null;
        int bundleLeft = 0;
        double weight = 0;
        while (solid < target) {
            double[] centre;
            double[] dir;
            if (rng.nextDouble() < spec.clustering()) {
                if (bundleLeft == 0) {
                    bundleCentre = randomPoint(rng);
                    bundleDir = direction(spec, rng);
                    bundleLeft = BUNDLE_SIZE;
                }
                bundleLeft--;
                double sd = BUNDLE_SPREAD_DIAMETERS * 2 * r;
                centre = new double[] {bundleCentre[0] + sd * rng.nextGaussian(),
                    bundleCentre[1] + sd * rng.nextGaussian(), bundleCentre[2] + sd * rng.nextGaussian()};
                dir = perturb(bundleDir, rng);
            } else {
                centre = randomPoint(rng);
                dir = direction(spec, rng);
            }
            // the last fibre is shortened so that the fibre fraction overshoots its target by little
            double length = Math.min(nx, Math.max(1.0, (target - solid) / perLength * 1.2));
            solid += rasterise(centre, dir, r, length);
            for (int i = 0; i < 3; i++) {
                orientation[i] += length * dir[i] * dir[i];
            }
            weight += length;
        }
        for (int i = 0; i < 3; i++) {
            orientation[i] /= weight;
        }
    }

    private double[] randomPoint(SplittableRandom rng) {
        return new double[] {rng.nextDouble() * nx, rng.nextDouble() * ny, rng.nextDouble() * nz};
    }

    private static double[] direction(Spec spec, SplittableRandom rng) {
        double phi;
        if (spec.layup() == GdlFamily.Layup.WOVEN) {
            // warp or weft; a less regular weave scatters the yarn directions more
            double sd = ALIGNED_ANGLE_SD * (0.3 + 2.0 * (1.0 - spec.alignment()));
            phi = (rng.nextBoolean() ? 0.0 : Math.PI / 2) + sd * rng.nextGaussian();
        } else if (rng.nextDouble() < spec.alignment()) {
            phi = ALIGNED_ANGLE_SD * rng.nextGaussian();
        } else {
            phi = rng.nextDouble() * Math.PI;
        }
        double theta;
        do {
            theta = spec.tiltSd() * rng.nextGaussian();
        } while (Math.abs(theta) > MAX_TILT);
        return new double[] {Math.cos(phi) * Math.cos(theta), Math.sin(phi) * Math.cos(theta), Math.sin(theta)};
    }

    private static double[] perturb(double[] u, SplittableRandom rng) {
        double[] v = {u[0] + BUNDLE_ANGLE_SD * rng.nextGaussian(), u[1] + BUNDLE_ANGLE_SD * rng.nextGaussian(),
            u[2] + BUNDLE_ANGLE_SD * rng.nextGaussian()};
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    /**
     * Marks the voxels (centres at integer coordinates, periodic box) within distance {@code r} of
     * the segment of the given length centred at {@code c} along unit vector {@code u}. Works plane
     * by plane across the dominant axis of {@code u}, so every voxel is visited at most a few times.
     * Returns the number of voxels that turned from void to fibre.
     */
    private long rasterise(double[] c, double[] u, double r, double length) {
        int[] n = {nx, ny, nz};
        int[] stride = {1, nx, nx * ny};
        int d = 0;
        for (int i = 1; i < 3; i++) {
            if (Math.abs(u[i]) > Math.abs(u[d])) {
                d = i;
            }
        }
        int e1 = (d + 1) % 3;
        int e2 = (d + 2) % 3;
        double ud = u[d];
        double u1 = u[e1];
        double u2 = u[e2];
        double half = 0.5 * length * Math.abs(ud);
        int from = (int) Math.ceil(c[d] - half);
        int to = (int) Math.floor(c[d] + half);
        int w = (int) Math.ceil(r / Math.abs(ud)) + 1;
        double r2 = r * r;
        long added = 0;
        for (int a = from; a <= to; a++) {
            double qd = a - c[d];
            double t = qd / ud;
            int b1 = (int) Math.round(c[e1] + t * u1);
            int b2 = (int) Math.round(c[e2] + t * u2);
            int baseD = Math.floorMod(a, n[d]) * stride[d];
            for (int i1 = b1 - w; i1 <= b1 + w; i1++) {
                double q1 = i1 - c[e1];
                int base1 = baseD + Math.floorMod(i1, n[e1]) * stride[e1];
                for (int i2 = b2 - w; i2 <= b2 + w; i2++) {
                    double q2 = i2 - c[e2];
                    double proj = qd * ud + q1 * u1 + q2 * u2;
                    if (qd * qd + q1 * q1 + q2 * q2 - proj * proj <= r2) {
                        int k = base1 + Math.floorMod(i2, n[e2]) * stride[e2];
                        if (label[k] == VOID) {
                            label[k] = FIBRE;
                            added++;
                        }
                    }
                }
            }
        }
        return added;
    }

    private int index(int x, int y, int z) {
        return (z * ny + y) * nx + x;
    }

    /**
     * Turns {@code count} void voxels into {@code phase}, always on the solid surface: binder
     * ({@code crossings = true}) first fills the voxels with most solid neighbours (fibre crossings,
     * wedges), PTFE takes surface voxels at random (a coating). Repeats layer by layer if one
     * surface layer is not enough.
     */
    private void grow(byte phase, long count, boolean crossings, SplittableRandom rng) {
        long left = count;
        int[] neighbours = new int[label.length];
        while (left > 0) {
            int[] sizes = new int[7];
            int plane = nx * ny;
            for (int z = 0; z < nz; z++) {
                int zp = ((z + 1) % nz - z) * plane;
                int zm = ((z + nz - 1) % nz - z) * plane;
                for (int y = 0; y < ny; y++) {
                    int yp = ((y + 1) % ny - y) * nx;
                    int ym = ((y + ny - 1) % ny - y) * nx;
                    int row = index(0, y, z);
                    for (int x = 0; x < nx; x++) {
                        int k = row + x;
                        if (label[k] != VOID) {
                            neighbours[k] = -1;
                            continue;
                        }
                        int xp = x + 1 < nx ? 1 : 1 - nx;
                        int xm = x > 0 ? -1 : nx - 1;
                        int c = solid(k + xp) + solid(k + xm) + solid(k + yp) + solid(k + ym) + solid(k + zp)
                                + solid(k + zm);
                        neighbours[k] = c;
                        sizes[c]++;
                    }
                }
            }
            // surface voxels ordered by neighbour count, most first (binder) or all in one group (PTFE)
            int[] start = new int[8];
            for (int b = 6; b >= 1; b--) {
                start[b - 1] = start[b] + sizes[b];
            }
            int surface = start[0];
            if (surface == 0) {
                throw new IllegalStateException("no solid surface left to grow phase " + phase + " on");
            }
            int[] order = new int[surface];
            int[] fill = start.clone();
            for (int k = 0; k < label.length; k++) {
                if (neighbours[k] >= 1) {
                    order[fill[neighbours[k]]++] = k;
                }
            }
            int take = (int) Math.min(left, surface);
            if (crossings) {
                // whole groups of the highest counts, then a random part of the group that is cut
                for (int b = 6; b >= 1 && start[b] < take; b--) {
                    partialShuffle(order, start[b], start[b - 1], Math.min(take, start[b - 1]) - start[b], rng);
                }
            } else {
                partialShuffle(order, 0, surface, take, rng);
            }
            for (int i = 0; i < take; i++) {
                label[order[i]] = phase;
            }
            left -= take;
        }
    }

    /** Moves {@code picks} random elements of {@code a[from, to)} to its front (partial Fisher-Yates). */
    private static void partialShuffle(int[] a, int from, int to, int picks, SplittableRandom rng) {
        for (int i = 0; i < picks; i++) {
            int j = from + i + rng.nextInt(to - from - i);
            int t = a[from + i];
            a[from + i] = a[j];
            a[j] = t;
        }
    }

    private int solid(int k) {
        return label[k] != VOID ? 1 : 0;
    }

    /** Volume fraction of the given phase, counted on the voxels. */
    public double fraction(byte phase) {
        long n = 0;
        for (byte b : label) {
            if (b == phase) {
                n++;
            }
        }
        return n / (double) label.length;
    }

    /** Void volume fraction counted on the voxels. */
    public double porosity() {
        return fraction(VOID);
    }

    /** Length-weighted fibre orientation tensor diagonal {@code <u_x^2>, <u_y^2>, <u_z^2>} (fresh array). */
    public double[] orientation() {
        return orientation.clone();
    }

    /** Box edge in voxels (the image size). */
    public int size() {
        return nx;
    }

    /**
     * Top view of the sheet, as a scanning electron microscope sees it: each pixel shows the first
     * solid voxel below the top face, brighter the closer it is to the surface (fibre brightest,
     * PTFE slightly and binder clearly darker); pores deeper than the slab are black.
     */
    public GreyImage render() {
        byte[] px = new byte[nx * ny];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int grey = 12;
                for (int z = nz - 1; z >= 0; z--) {
                    byte b = label[index(x, y, z)];
                    if (b != VOID) {
                        double base = b == FIBRE ? 245 : b == PTFE ? 205 : 150;
                        double depth = (nz - 1 - z) / (double) nz;
                        grey = (int) Math.round(base * (1.0 - 0.75 * depth));
                        break;
                    }
                }
                px[y * nx + x] = (byte) grey;
            }
        }
        return GreyImage.of(nx, ny, px);
    }
}
