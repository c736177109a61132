package io.transfab.design;

import java.util.SplittableRandom;

/**
 * Sobol low-discrepancy points in [0, 1)^d, d &lt;= {@value #MAX_DIMENSION}, with the direction numbers of
 * S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional projections",
 * SIAM J. Sci. Comput. 30 (2008) 2635-2654 (file new-joe-kuo-6.21201, dimensions 2-21; dimension 1 is the
 * van der Corput sequence). Optional random digital shift (XOR of each coordinate with a seeded 32-bit
 * word, Owen 1995 / L'Ecuyer and Lemieux 2002): the shifted set is still a (t, m, s)-net, so the first 2^k
 * points keep exactly one point in each of the 2^k equal intervals of every coordinate.
 */
public final class SobolSequence {
    /** Largest supported dimension. */
    public static final int MAX_DIMENSION = 21;
    private static final int BITS = 32;

    // {s, a, m_1 .. m_s} for dimensions 2..21 (Joe & Kuo new-joe-kuo-6.21201)
    private static final int[][] JOE_KUO = {
        {1, 0, 1},
        {2, 1, 1, 3},
        {3, 1, 1, 3, 1},
        {3, 2, 1, 1, 1},
        {4, 1, 1, 1, 3, 3},
        {4, 4, 1, 3, 5, 13},
        {5, 2, 1, 1, 5, 5, 17},
        {5, 4, 1, 1, 5, 5, 5},
        {5, 7, 1, 1, 7, 11, 19},
        {5, 11, 1, 1, 5, 1, 1},
        {5, 13, 1, 1, 1, 3, 11},
        {5, 14, 1, 3, 5, 5, 31},
        {6, 1, 1, 3, 3, 9, 7, 49},
        {6, 13, 1, 1, 1, 15, 21, 21},
        {6, 16, 1, 3, 1, 13, 27, 49},
        {6, 19, 1, 1, 1, 15, 7, 5},
        {6, 22, 1, 3, 1, 15, 13, 25},
        {6, 25, 1, 1, 5, 5, 19, 61},
        {7, 1, 1, 3, 7, 11, 23, 15, 103},
        {7, 4, 1, 3, 7, 13, 13, 15, 69},
    };

    private final int dimension;
    private final long[][] v;
    private final long[] shift;

    private SobolSequence(int dimension, long[] shift) {
        this.dimension = dimension;
        this.shift = shift;
        v = new long[dimension][BITS];
        for (int i = 0; i < BITS; i++) {
            v[0][i] = 1L << (BITS - 1 - i);
        }
        for (int j = 1; j < dimension; j++) {
            int[] row = JOE_KUO[j - 1];
            int s = row[0];
            int a = row[1];
            for (int i = 0; i < s; i++) {
                v[j][i] = (long) row[2 + i] << (BITS - 1 - i);
            }
            // v_i = a_1 v_{i-1} xor ... xor a_{s-1} v_{i-s+1} xor v_{i-s} xor (v_{i-s} >> s)  (Bratley & Fox 1988)
            for (int i = s; i < BITS; i++) {
                long x = v[j][i - s] ^ (v[j][i - s] >>> s);
                for (int k = 1; k < s; k++) {
                    if (((a >>> (s - 1 - k)) & 1) != 0) {
                        x ^= v[j][i - k];
                    }
                }
                v[j][i] = x;
            }
        }
    }

    /** The plain (unscrambled) sequence; point 0 is the origin. */
    public static SobolSequence of(int dimension) {
        check(dimension);
        return new SobolSequence(dimension, new long[dimension]);
    }

    /** The sequence with a random digital shift drawn from {@code seed}. */
    public static SobolSequence shifted(int dimension, long seed) {
        check(dimension);
        SplittableRandom rng = new SplittableRandom(seed);
        long[] shift = new long[dimension];
        for (int j = 0; j < dimension; j++) {
            shift[j] = rng.nextLong() & 0xFFFFFFFFL;
        }
        return new SobolSequence(dimension, shift);
    }

    private static void check(int dimension) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("Sobol points support 1 to " + MAX_DIMENSION + " dimensions; got "
                    + dimension);
        }
    }

    public int dimension() {
        return dimension;
    }

    /** Point number {@code index} (0-based, below 2^32): XOR of the direction numbers of the set bits of index. */
    public double[] point(long index) {
        if (index < 0 || index >= (1L << BITS)) {
            throw new IllegalArgumentException("index out of range: " + index);
        }
        double[] u = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            long x = shift[j];
            for (int i = 0; i < BITS; i++) {
                if (((index >>> i) & 1) != 0) {
                    x ^= v[j][i];
                }
            }
            u[j] = x / (double) (1L << BITS);
        }
        return u;
    }
}
