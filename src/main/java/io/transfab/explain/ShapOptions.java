package io.transfab.explain;

import io.transfab.data.DataException;
import java.util.Objects;

/**
 * Settings of {@link ShapExplainer}.
 *
 * @param method           exact, kernel or auto
 * @param kernelCoalitions coalitions sampled per explained row in kernel mode (even: drawn in
 *                         complementary pairs)
 * @param threads          threads that call the model at once (>= 1); the values do not depend on it,
 *                         but the model must then be safe to call concurrently (all transfab models are)
 */
public record ShapOptions(ShapMethod method, int kernelCoalitions, int threads) {
    /** Default number of sampled coalitions in kernel mode (as the shap package's 2048 + 2p). */
    public static final int DEFAULT_KERNEL_COALITIONS = 2048;

    public ShapOptions {
        Objects.requireNonNull(method, "method");
        if (kernelCoalitions < 4 || kernelCoalitions % 2 != 0) {
            throw DataException.option("--kernel-coalitions must be even and >= 4, got " + kernelCoalitions);
        }
        if (threads < 1) {
            throw DataException.option("--threads must be at least 1, got " + threads);
        }
    }

    /** AUTO with 2048 kernel coalitions, on one thread. */
    public static ShapOptions defaults() {
        return new ShapOptions(ShapMethod.AUTO, DEFAULT_KERNEL_COALITIONS, 1);
    }

    public ShapOptions withMethod(ShapMethod m) {
        return new ShapOptions(m, kernelCoalitions, threads);
    }

    public ShapOptions withThreads(int n) {
        return new ShapOptions(method, kernelCoalitions, n);
    }

    /** Coalitions whose values need the background for {@code players} players (the cost driver). */
    public int coalitionsPerRow(int players) {
        ShapMethod m = players == 1 ? ShapMethod.EXACT : method.resolve(players);
        return m == ShapMethod.EXACT ? (1 << players) - 2 : kernelCoalitions;
    }
}
