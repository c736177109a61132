package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.SplittableRandom;

/**
 * The trainable layers of an MLP as DJL parameters (weights {@code [out][in]}, as torch's Linear).
 * Layers below {@code first} are frozen and never enter DJL; the input here is their output.
 * Arrays live in the manager given at construction; per-step temporaries go to a step manager.
 */
final class TorchMlp {
    private final Activation activation;
    private final int first;
    private final NDArray[] weights;
    private final NDArray[] biases;

    /**
     * @param first   index of the first trainable layer (= number of frozen hidden layers)
     * @param weights initial weights of layers first..last
     * @param biases  initial biases of layers first..last
     */
    TorchMlp(NDManager manager, Activation activation, int first, float[][][] weights, float[][] biases) {
        this.activation = activation;
        this.first = first;
        this.weights = new NDArray[weights.length];
        this.biases = new NDArray[weights.length];
        for (int l = 0; l < weights.length; l++) {
            this.weights[l] = Torch.matrix(manager, weights[l]);
            this.biases[l] = Torch.owned(manager, biases[l].clone(), new Shape(biases[l].length));
            this.weights[l].setRequiresGradient(true);
            this.biases[l].setRequiresGradient(true);
        }
    }

    int layerCount() {
        return weights.length;
    }

    NDArray weight(int l) {
        return weights[l];
    }

    NDArray bias(int l) {
        return biases[l];
    }

    /**
     * Network output for {@code input} (rows x width of layer first's input). With {@code dropout > 0}
     * every hidden activation (including a frozen layer's output fed in here) is multiplied by an
     * inverted-dropout mask drawn from {@code rng}; all temporaries are attached to {@code step}.
     */
    NDArray forward(NDManager step, NDArray input, double dropout, SplittableRandom rng) {
        NDArray h = input;
        if (dropout > 0 && first > 0) {
            h = h.mul(mask(step, h.getShape(), dropout, rng));
        }
        for (int l = 0; l < weights.length; l++) {
            NDArray z = Linear.linear(h, weights[l], biases[l]).singletonOrThrow();
            if (l == weights.length - 1) {
                return z;
            }
            h = activate(activation, z);
            if (dropout > 0) {
                h = h.mul(mask(step, h.getShape(), dropout, rng));
            }
        }
        throw new IllegalStateException("no layers");
    }

    /** The hidden nonlinearity on a DJL array (also used by {@link AdapterTrainer}). */
    static NDArray activate(Activation activation, NDArray z) {
        return switch (activation) {
            case RELU -> ai.djl.nn.Activation.relu(z);
            case TANH -> ai.djl.nn.Activation.tanh(z);
            case SILU -> z.mul(ai.djl.nn.Activation.sigmoid(z));
            case GELU -> ai.djl.nn.Activation.gelu(z);
        };
    }

    /** Keep-mask scaled by 1/(1-p) so the expected activation is unchanged (Srivastava et al. 2014). */
    static NDArray mask(NDManager step, Shape shape, double p, SplittableRandom rng) {
        float[] m = new float[Math.toIntExact(shape.size())];
        drawMask(m, 0, m.length, p, rng);
        return Torch.owned(step, m, shape);
    }

    /** Draws {@code length} keep-mask values of {@link #mask} into {@code m} from {@code from}, in order. */
    static void drawMask(float[] m, int from, int length, double p, SplittableRandom rng) {
        float keep = (float) (1.0 / (1.0 - p));
        for (int i = 0; i < length; i++) {
            m[from + i] = rng.nextDouble() < p ? 0f : keep;
        }
    }

    /**
     * Mean squared error of {@code prediction} against {@code target}, over rows and targets.
     * Not DJL's L2Loss: it multiplies by its weight through {@code mul(Number)}, which wraps the
     * number in a temporary tensor over a Java direct buffer and frees it at once, while autograd
     * keeps that tensor for the backward pass (a use-after-free that corrupted gradients now and
     * then, whenever the garbage collector had released the buffer). No graph op here takes a
     * Java number.
     */
    static NDArray mse(NDArray prediction, NDArray target) {
        return prediction.sub(target).square().mean();
    }

    /**
     * Mean of {@code loss} over rows and targets ({@link #mse} for the squared error).
     *
     * @param delta Huber's threshold as a 0-d array (see {@link #delta}); unused for the squared error
     */
    static NDArray meanLoss(Loss loss, NDArray prediction, NDArray target, NDArray delta) {
        return loss == Loss.SQUARED ? mse(prediction, target) : elementwise(loss, prediction.sub(target), delta).mean();
    }

    /**
     * The loss of every residual {@code r}: {@code r^2}, or Huber's {@code c (2|r| - c)} with
     * {@code c = min(|r|, delta)}, which is {@code r^2} inside the threshold and
     * {@code 2 delta |r| - delta^2} beyond it (see {@link Loss}). Written without a branch, and so
     * that autograd's derivative {@code 2 c sign(r)} involves no cancellation; {@code delta} may be a
     * 0-d array or one threshold per network (broadcast), +infinity giving {@code r^2} exactly.
     */
    static NDArray elementwise(Loss loss, NDArray residual, NDArray delta) {
        if (loss == Loss.SQUARED) {
            return residual.square();
        }
        NDArray magnitude = residual.abs();
        NDArray inside = magnitude.minimum(delta);
        return inside.mul(magnitude.add(magnitude).sub(inside));
    }

    /** Huber's threshold as a 0-d float array in {@code manager} (a tensor: see {@link #mse}). */
    static NDArray delta(NDManager manager) {
        return Torch.owned(manager, new float[] {(float) Loss.HUBER_DELTA}, new Shape());
    }

    /**
     * L2-SP term: sum over the anchored layers of ||w - w0||^2 + ||b - b0||^2, attached to {@code step}.
     *
     * @param anchorWeights per trainable layer the pre-trained weights, or null where not anchored
     */
    NDArray anchorDistance(NDManager step, NDArray[] anchorWeights, NDArray[] anchorBiases) {
        NDArray total = null;
        for (int l = 0; l < weights.length; l++) {
            if (anchorWeights[l] == null) {
                continue;
            }
            NDArray dw = weights[l].sub(anchorWeights[l]);
            dw.attach(step);
            NDArray db = biases[l].sub(anchorBiases[l]);
            db.attach(step);
            NDArray term = dw.square().sum().add(db.square().sum());
            total = total == null ? term : total.add(term);
        }
        return total;
    }
}
