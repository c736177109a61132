package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW as DJL's on K stacked parameter vectors {@code theta [K, P]}, one network per row: each
 * network has its own step count, learning rate and weight decay, and a network that takes no step
 * keeps its weights and Adam state unchanged. Shared by the batched MLP ({@link MlpBatch}) and hybrid
 * ({@link HybridBatch}) trainers.
 *
 * <p>Per step: {@code w <- w (1 - lr wd)} on decayed elements of networks taking the step, then
 * {@code w <- w - lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)} on trained elements with
 * b1 = 0.9, b2 = 0.999, eps = 1e-8 and t the network's own step count.
 */
final class BatchedAdamW {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final NDManager manager;
    private final int k;
    private final NDArray m;
    private final NDArray v;
    private final NDArray epsilon;
    private final NDArray decayRate;
    private final NDArray trainedMask;
    private final Map<BitSet, Coefficients> cache = new LinkedHashMap<>();

    /**
     * @param decayRate   {@code lr * wd} per network and element ({@code [K, P]}), 0 where not decayed
     * @param trainedMask 1 on every trained element, 0 on frozen ones ({@code [K, P]})
     */
    BatchedAdamW(NDManager manager, int k, long parameters, NDArray decayRate, NDArray trainedMask) {
        this(manager, k, decayRate, trainedMask, manager.zeros(new Shape(k, parameters)),
                manager.zeros(new Shape(k, parameters)));
    }

    /**
     * An optimiser resuming from the moments {@code m}, {@code v} ({@code [K, P]} flat, row-major, as
     * {@link #moments} gives them): how {@link MlpBatch} carries the networks still training into a
     * narrower batch.
     */
    BatchedAdamW(NDManager manager, int k, long parameters, NDArray decayRate, NDArray trainedMask, float[] m,
                 float[] v) {
        this(manager, k, decayRate, trainedMask, Torch.owned(manager, m, new Shape(k, parameters)),
                Torch.owned(manager, v, new Shape(k, parameters)));
    }

    private BatchedAdamW(NDManager manager, int k, NDArray decayRate, NDArray trainedMask, NDArray m, NDArray v) {
        this.manager = manager;
        this.k = k;
        this.m = m;
        this.v = v;
        this.epsilon = Torch.owned(manager, new float[] {EPSILON}, new Shape());
        this.decayRate = decayRate;
        this.trainedMask = trainedMask;
    }

    /** DJL's bias-corrected step size for learning rate {@code lr} at a network's step {@code t} (from 1). */
    static float stepSize(double lr, int t) {
        return (float) (lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
    }

    /**
     * Updates {@code theta} in place from its gradient for the networks in {@code taking}, whose
     * {@code stepSize[n]} comes from {@link #stepSize}; temporaries are attached to {@code step}.
     * The caller zeroes the gradient.
     */
    void update(NDManager step, NDArray theta, BitSet taking, float[] stepSize) {
        Coefficients c = cache.computeIfAbsent((BitSet) taking.clone(), key -> Coefficients.of(manager, key, k,
                decayRate));
        NDArray size = local(step, Torch.owned(step, stepSize, new Shape(k, 1)).mul(trainedMask));
        NDArray gradient = local(step, theta.getGradient());
        m.muli(c.keepMean).addi(local(step, gradient.mul(c.newMean)));
        v.muli(c.keepVariance).addi(local(step, local(step, gradient.square()).mul(c.newVariance)));
        NDArray denominator = local(step, local(step, v.sqrt()).add(epsilon));
        NDArray update = local(step, local(step, m.mul(size)).div(denominator));
        theta.muli(c.decay).subi(update);
    }

    /** The first and second moments, {@code [K, P]} flat row-major each: {@code {m, v}}. */
    float[][] moments() {
        return new float[][] {m.toFloatArray(), v.toFloatArray()};
    }

    /** Frees the cached per-set coefficients (call when the set of networks still training changed). */
    void clearCache() {
        cache.values().forEach(Coefficients::close);
        cache.clear();
    }

    private static NDArray local(NDManager step, NDArray array) {
        array.attach(step);
        return array;
    }

    /** Adam's per-network coefficients for one set of networks taking a step (1 and 0 for the others). */
    private record Coefficients(NDArray keepMean, NDArray newMean, NDArray keepVariance, NDArray newVariance,
                                NDArray decay) {
        static Coefficients of(NDManager manager, BitSet taking, int k, NDArray decayRate) {
            float[] b1 = new float[k];
            float[] c1 = new float[k];
            float[] b2 = new float[k];
            float[] c2 = new float[k];
            float[] on = new float[k];
            for (int n = 0; n < k; n++) {
                boolean t = taking.get(n);
                b1[n] = t ? BETA1 : 1f;
                c1[n] = t ? 1f - BETA1 : 0f;
                b2[n] = t ? BETA2 : 1f;
                c2[n] = t ? 1f - BETA2 : 0f;
                on[n] = t ? 1f : 0f;
            }
            Shape shape = new Shape(k, 1);
            NDArray one = Torch.owned(manager, new float[] {1f}, new Shape());
            NDArray rate = decayRate.mul(Torch.owned(manager, on, shape));
            NDArray decay = one.sub(rate);
            rate.close();
            one.close();
            return new Coefficients(Torch.owned(manager, b1, shape), Torch.owned(manager, c1, shape),
                    Torch.owned(manager, b2, shape), Torch.owned(manager, c2, shape), decay);
        }

        void close() {
            keepMean.close();
            newMean.close();
            keepVariance.close();
            newVariance.close();
            decay.close();
        }
    }
}
