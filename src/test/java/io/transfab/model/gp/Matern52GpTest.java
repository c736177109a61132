package io.transfab.model.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class Matern52GpTest {
    @Test
    void lowerGramIsBitIdenticalToTheFullProductOfEjml() {
        SplittableRandom random = new SplittableRandom(3);
        // Small and large sizes: EJML switches between two product kernels.
        for (int n : new int[] {1, 2, 5, 17, 40, 101}) {
            // Given a random lower-triangular matrix (upper triangle exactly zero)
            double[] m = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    m[i * n + j] = random.nextDouble(-2, 2);
                }
            }
            // When its Gram matrix M^T M is formed both ways
            DMatrixRMaj mm = DMatrixRMaj.wrap(n, n, m.clone());
            DMatrixRMaj full = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransA(mm, mm, full);
            double[] lower = Matern52Gp.lowerGram(m, n);
            // Then every entry of the lower triangle has the same bits
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    assertEquals(Double.doubleToRawLongBits(full.get(i, j)), Double.doubleToRawLongBits(lower[i * n + j]),
                            "n " + n + " entry (" + i + ", " + j + ")");
                }
            }
        }
    }
}
