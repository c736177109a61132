package io.transfab.model.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.model.Progress;
import io.transfab.testing.Approx;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link KernelChoice#EVIDENCE} and {@link KernelChoice#BIC}: the kernel chosen on the training rows. */
class GpKernelChoiceTest {
    private static final GpOptions FEW_STARTS = GpOptions.defaults().withRestarts(3);

    private static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            c[i][0] = v[i];
        }
        return c;
    }

    private static double[][] uniform(SplittableRandom r, int n, int d) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextDouble(-1.7, 1.7); // about unit variance, as standardised inputs
            }
        }
        return x;
    }

    private static GpHyperparameters fit(GpOptions o, double[][] x, double[] y) {
        return GaussianProcessTrainer.of(o).fit(x, column(y), 3L, Progress.NONE).hyperparameters(0);
    }

    @ParameterizedTest
    @EnumSource(value = KernelChoice.class, names = {"EVIDENCE", "BIC"})
    void evidencePicksArdWhereOneInputMattersAndTheRowsSayIt(KernelChoice choice) {
        // Given 60 rows of 4 inputs where only the first matters
        SplittableRandom r = new SplittableRandom(11);
        double[][] x = uniform(r, 60, 4);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(2 * x[i][0]) + 0.05 * r.nextGaussian();
        }
        // When the kernel is chosen by the evidence (Laplace or BIC)
        GpHyperparameters chosen = fit(FEW_STARTS.withKernel(choice), x, y);
        // Then it is the ARD fit, which has a short scale on input 0 and long ones elsewhere
        assertThat(chosen).isEqualTo(fit(FEW_STARTS, x, y));
        double[] l = chosen.lengthScales();
        for (int d = 1; d < 4; d++) {
            assertThat(l[d]).isGreaterThan(5 * l[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(value = KernelChoice.class, names = {"EVIDENCE", "BIC"})
    void evidencePicksIsotropicOnTenRowsOfAnIsotropicFunctionOfEightInputs(KernelChoice choice) {
        // Given 10 rows of 8 inputs and a response that depends on the distance from the origin only
        SplittableRandom r = new SplittableRandom(7);
        double[][] x = uniform(r, 10, 8);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            double s = 0;
            for (double v : x[i]) {
                s += v * v;
            }
            y[i] = Math.cos(Math.sqrt(s)) + 0.1 * r.nextGaussian();
        }
        // When the kernel is chosen by the evidence (Laplace or BIC)
        GpHyperparameters chosen = fit(FEW_STARTS.withKernel(choice), x, y);
        // Then it is the isotropic fit, although the ARD fit has the higher likelihood
        GpHyperparameters iso = fit(FEW_STARTS.withKernel(KernelChoice.ISOTROPIC), x, y);
        GpHyperparameters ard = fit(FEW_STARTS, x, y);
        assertThat(chosen).isEqualTo(iso);
        double[] g = new double[10];
        assertThat(Matern52Gp.logLikelihood(x, y, ard, g)).isGreaterThan(Matern52Gp.logLikelihood(x, y, iso, g));
    }

    @Test
    void laplaceEvidenceMatchesQuadratureOfTheLikelihoodOverTheLogBox() {
        // Given 25 noisy rows of one input and the fitted (log s2, log l, log noise)
        SplittableRandom r = new SplittableRandom(3);
        double[][] x = uniform(r, 25, 1);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(1.5 * x[i][0]) + 0.2 * r.nextGaussian();
        }
        GaussianProcessTrainer trainer = GaussianProcessTrainer.of(FEW_STARTS);
        double[] theta = fit(FEW_STARTS, x, y).toLog();
        // When the Laplace evidence is computed, and the evidence by midpoint quadrature of
        // exp(lml) / box volume over +-20 steps of 0.15 (log units) around the mode in each coordinate
        double laplace = trainer.logEvidence(x, y, theta, 1);
        double[] lo = FEW_STARTS.logLower(1);
        double[] hi = FEW_STARTS.logUpper(1);
        double logVolume = 0;
        for (int j = 0; j < 3; j++) {
            logVolume += Math.log(hi[j] - lo[j]);
        }
        double peak = Matern52Gp.logLikelihood(x, y, GpHyperparameters.fromLog(theta), new double[3]);
        int half = 20;
        double step = 0.15;
        double sum = 0;
        double[] g = new double[3];
        for (int a = -half; a <= half; a++) {
            for (int b = -half; b <= half; b++) {
                for (int c = -half; c <= half; c++) {
                    double[] t = {theta[0] + a * step, theta[1] + b * step, theta[2] + c * step};
                    double lml = Matern52Gp.logLikelihood(x, y, GpHyperparameters.fromLog(t), g);
                    if (!Double.isNaN(lml)) {
                        sum += Math.exp(lml - peak);
                    }
                }
            }
        }
        double quadrature = peak + Math.log(sum * step * step * step) - logVolume;
        // Then they agree to within the Laplace approximation's error for 25 rows (a few tenths of a nat)
        Approx.assertClose(laplace, quadrature, 0, 0.3, "log evidence");
    }

    @Test
    void kernelDefaultsToArdAndIsValidated() {
        // Given the default options, Then the kernel is ARD and isotropic() says so
        assertThat(GpOptions.defaults().kernel()).isEqualTo(KernelChoice.ARD);
        assertThat(GpOptions.defaults().withIsotropic(true).kernel()).isEqualTo(KernelChoice.ISOTROPIC);
        assertThat(GpOptions.defaults().withKernel(KernelChoice.EVIDENCE).isotropic()).isFalse();
        // When the kernel is null, Then the options are rejected
        assertThrows(IllegalArgumentException.class, () -> new GpOptions(1, 10, 1e-3, 1e3, 1e-2, 1e3, 1e-6, 1, null));
    }
}
