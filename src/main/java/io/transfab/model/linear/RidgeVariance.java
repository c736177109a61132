package io.transfab.model.linear;

/**
 * What one output's predictive standard deviation needs: the noise variance estimate
 * {@code sigma^2 = RSS / (n - df)} with the effective degrees of freedom
 * {@code df = 1 + sum_j s_j^2 / (s_j^2 + alpha)} (intercept plus trace of the ridge smoother;
 * Hastie, Tibshirani &amp; Friedman, The Elements of Statistical Learning, 2nd ed., eq. 3.50), the
 * training input means and {@code (Xc^T Xc + alpha I)^-1} of the centred inputs. The predictive
 * variance of a new row x is
 * {@code sigma^2 (1 + 1/n + (x - xbar)^T (Xc^T Xc + alpha I)^-1 (x - xbar))}: the Bayesian linear
 * model's posterior predictive variance with prior w ~ N(0, sigma^2 / alpha I) and a flat
 * intercept (Bishop, Pattern Recognition and Machine Learning, 2006, eqs. 3.58-3.59, with
 * beta = 1 / sigma^2 and prior precision alpha / sigma^2; the intercept adds sigma^2 / n).
 *
 * @param rows the number of training rows n
 */
public record RidgeVariance(double noiseVariance, int rows, double[] inputMean, double[][] inverseGram) {
    public RidgeVariance {
        if (!(noiseVariance >= 0) || Double.isInfinite(noiseVariance) || rows < 1) {
            throw new IllegalArgumentException("need a finite noise variance >= 0 and rows >= 1; got "
                    + noiseVariance + ", " + rows);
        }
        int p = inputMean.length;
        if (inverseGram.length != p) {
            throw new IllegalArgumentException("inverse Gram matrix must be " + p + " x " + p);
        }
        inputMean = inputMean.clone();
        double[][] g = new double[p][];
        for (int i = 0; i < p; i++) {
            if (inverseGram[i].length != p) {
                throw new IllegalArgumentException("inverse Gram matrix must be " + p + " x " + p);
            }
            g[i] = inverseGram[i].clone();
        }
        inverseGram = g;
    }

    @Override
    public double[] inputMean() {
        return inputMean.clone();
    }

    @Override
    public double[][] inverseGram() {
        double[][] g = new double[inverseGram.length][];
        for (int i = 0; i < g.length; i++) {
            g[i] = inverseGram[i].clone();
        }
        return g;
    }

    /** sqrt(sigma^2 (1 + 1/n + xc^T (Xc^T Xc + alpha I)^-1 xc)), xc = x - xbar. */
    double std(double[] x) {
        int p = inputMean.length;
        double quad = 0;
        for (int a = 0; a < p; a++) {
            double ca = x[a] - inputMean[a];
            for (int b = 0; b < p; b++) {
                quad += ca * inverseGram[a][b] * (x[b] - inputMean[b]);
            }
        }
        return Math.sqrt(noiseVariance * (1 + 1.0 / rows + Math.max(0, quad)));
    }
}
