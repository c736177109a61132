package io.transfab.model.nn;

/**
 * How domain adapters are trained: full-batch Adam on the mean squared error plus
 * {@code identityPenalty * sum((scale - 1)^2 + shift^2)}, which keeps an adapter of a domain with
 * few rows close to the identity.
 *
 * @param learningRate    Adam step size (&gt; 0)
 * @param epochs          full-batch steps (&gt;= 1)
 * @param identityPenalty pull toward the identity adapter (&gt;= 0)
 */
public record AdapterOptions(double learningRate, int epochs, double identityPenalty) {
    public AdapterOptions {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("adapter learning rate must be a finite number > 0, got " + learningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("adapter epochs must be >= 1, got " + epochs);
        }
        if (!(identityPenalty >= 0) || !Double.isFinite(identityPenalty)) {
            throw new IllegalArgumentException("identity penalty must be a finite number >= 0, got " + identityPenalty);
        }
    }
}
