package io.transfab.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.testing.Approx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SobolSequenceTest {
    @Test
    void matchesScipyJoeKuoPointsInAll21Dimensions() throws IOException {
        // Given the first 256 points from scipy (Gray-code order, see golden/sobol_joe_kuo.py.txt)
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/golden/sobol_joe_kuo.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                    .toList();
        }
        SobolSequence seq = SobolSequence.of(SobolSequence.MAX_DIMENSION);
        assertThat(lines).hasSize(256);
        for (String line : lines) {
            double[] row = Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
            int k = (int) row[0];
            // When the point with the same binary index is generated
            double[] u = seq.point(k ^ (k >> 1));
            // Then it is the same dyadic rational
            Approx.assertClose(u, Arrays.copyOfRange(row, 1, row.length), 0, 0, "point " + k);
        }
    }

    @Test
    void firstPowerOfTwoPointsAreBalancedPlainAndShifted() {
        int d = SobolSequence.MAX_DIMENSION;
        for (SobolSequence seq : List.of(SobolSequence.of(d), SobolSequence.shifted(d, 7), SobolSequence.shifted(d, 8))) {
            for (int k = 1; k <= 7; k++) {
                // Given the first 2^k points
                int n = 1 << k;
                for (int j = 0; j < d; j++) {
                    int[] counts = new int[n];
                    for (int i = 0; i < n; i++) {
                        counts[(int) Math.floor(seq.point(i)[j] * n)]++;
                    }
                    // Then every one of the 2^k equal intervals of every coordinate holds exactly one point
                    for (int c : counts) {
                        assertThat(c).as("k=%d dim=%d", k, j).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void shiftDependsOnSeedOnly() {
        assertThat(SobolSequence.shifted(3, 5).point(9)).isEqualTo(SobolSequence.shifted(3, 5).point(9));
        assertThat(SobolSequence.shifted(3, 5).point(9)).isNotEqualTo(SobolSequence.shifted(3, 6).point(9));
        assertThrows(IllegalArgumentException.class, () -> SobolSequence.of(22));
    }
}
