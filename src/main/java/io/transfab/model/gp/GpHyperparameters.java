package io.transfab.model.gp;

import java.util.Arrays;

/**
 * Hyperparameters of one output's kernel {@code k(x,x') = signalVariance * Matern52(r) +
 * noiseVariance * delta(x,x')}, with one length scale per input (ARD).
 */
public record GpHyperparameters(double signalVariance, double[] lengthScales, double noiseVariance) {
    public GpHyperparameters {
        if (!(signalVariance > 0) || Double.isInfinite(signalVariance)) {
            throw new IllegalArgumentException("signalVariance must be positive and finite, got " + signalVariance);
        }
        if (!(noiseVariance > 0) || Double.isInfinite(noiseVariance)) {
            throw new IllegalArgumentException("noiseVariance must be positive and finite, got " + noiseVariance);
        }
        if (lengthScales == null || lengthScales.length == 0) {
            throw new IllegalArgumentException("lengthScales must have one entry per input");
        }
        lengthScales = lengthScales.clone();
        for (int d = 0; d < lengthScales.length; d++) {
            if (!(lengthScales[d] > 0) || Double.isInfinite(lengthScales[d])) {
                throw new IllegalArgumentException("lengthScales[" + d + "] must be positive and finite, got " + lengthScales[d]);
            }
        }
    }

    /** A copy of the length scales, one per input. */
    @Override
    public double[] lengthScales() {
        return lengthScales.clone();
    }

    public int inputCount() {
        return lengthScales.length;
    }

    /** The parameters in the optimiser's coordinates: (log s2, log l_1..log l_D, log noise). */
    double[] toLog() {
        double[] t = new double[lengthScales.length + 2];
        t[0] = Math.log(signalVariance);
        for (int d = 0; d < lengthScales.length; d++) {
            t[d + 1] = Math.log(lengthScales[d]);
        }
        t[t.length - 1] = Math.log(noiseVariance);
        return t;
    }

    static GpHyperparameters fromLog(double[] t) {
        double[] l = new double[t.length - 2];
        for (int d = 0; d < l.length; d++) {
            l[d] = Math.exp(t[d + 1]);
        }
        return new GpHyperparameters(Math.exp(t[0]), l, Math.exp(t[t.length - 1]));
    }

    /** Length scales as a view, for the kernel's inner loops only. */
    double[] lengthScalesView() {
        return lengthScales;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GpHyperparameters h
                && Double.compare(signalVariance, h.signalVariance) == 0
                && Double.compare(noiseVariance, h.noiseVariance) == 0
                && Arrays.equals(lengthScales, h.lengthScales);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(signalVariance) + Arrays.hashCode(lengthScales)) + Double.hashCode(noiseVariance);
    }

    @Override
    public String toString() {
        return "GpHyperparameters[signalVariance=" + signalVariance + ", lengthScales=" + Arrays.toString(lengthScales)
                + ", noiseVariance=" + noiseVariance + "]";
    }
}
