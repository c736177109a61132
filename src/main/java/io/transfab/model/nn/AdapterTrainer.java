package io.transfab.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.transfab.data.DataException;
import io.transfab.model.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Trains per-domain adapters ({@link AdaptedMlp}) on a frozen network with DJL. The shared
 * weights enter DJL as constants (no gradient) and the result references the given network
 * object, so they stay bit-identical. Only the adapters learn: each domain's scale is
 * parametrised as {@code 1 + delta} with delta and the shift starting at 0 (the identity), and
 * each row picks its domain's parameters through a one-hot matrix. No randomness is involved:
 * full batch, deterministic initialisation.
 */
public final class AdapterTrainer {
    private static final String TASK = "adapter fine-tune";

    private AdapterTrainer() {
    }

    /**
     * @param x      normalised inputs (n x base.inputCount())
     * @param y      normalised targets (n x base.outputCount())
     * @param labels row i's domain; one adapter per distinct label
     */
    public static AdaptedMlp fit(MlpRegressor base, double[][] x, double[][] y, String[] labels,
            AdapterOptions options, Progress progress) {
        if (base == null || options == null || labels == null) {
            throw new IllegalArgumentException("base network, options and domain labels are required");
        }
        if (x.length == 0 || x.length != y.length || labels.length != x.length) {
            throw new IllegalArgumentException("need the same number (> 0) of input rows, target rows and labels");
        }
        List<String> domains = new ArrayList<>(new TreeSet<>(List.of(labels)));
        int n = x.length;
        int k = domains.size();
        double[][] oneHot = new double[n][k];
        for (int i = 0; i < n; i++) {
            oneHot[i][domains.indexOf(labels[i])] = 1.0;
        }
        int hidden = base.hiddenLayerCount();
        int sites = hidden + 1;
        int[] width = new int[sites];
        for (int s = 0; s < sites; s++) {
            width[s] = s == 0 ? base.inputCount() : base.layerSize(s - 1);
        }
        float[][] deltaOut = new float[sites][];
        float[][] shiftOut = new float[sites][];
        try (NDManager manager = Torch.newManager()) {
            NDArray allX = Torch.matrix(manager, x, base.inputCount());
            NDArray allY = Torch.matrix(manager, y, base.outputCount());
            NDArray allD = Torch.matrix(manager, oneHot, k);
            NDArray[] w = new NDArray[hidden + 1];
            NDArray[] b = new NDArray[hidden + 1];
            for (int l = 0; l <= hidden; l++) {
                w[l] = Torch.matrix(manager, base.weights(l));
                b[l] = Torch.owned(manager, base.bias(l), new Shape(base.layerSize(l)));
            }
            NDArray[] delta = new NDArray[sites];
            NDArray[] shift = new NDArray[sites];
            for (int s = 0; s < sites; s++) {
                delta[s] = Torch.owned(manager, new float[k * width[s]], new Shape(k, width[s]));
                shift[s] = Torch.owned(manager, new float[k * width[s]], new Shape(k, width[s]));
                delta[s].setRequiresGradient(true);
                shift[s].setRequiresGradient(true);
            }
            // A tensor, not a Java float: see TorchMlp.mse on DJL's ops with number arguments.
            NDArray penalty = Torch.owned(manager, new float[] {(float) options.identityPenalty()}, new Shape());
            Optimizer adam = Optimizer.adamW().optLearningRateTracker(Tracker.fixed((float) options.learningRate()))
                    .optWeightDecays(0f).build();
            NDIndex all = new NDIndex().addSliceDim(0, n);
            for (int epoch = 0; epoch < options.epochs(); epoch++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray xs = allX.get(step, all);
                    NDArray ys = allY.get(step, all);
                    NDArray d = allD.get(step, all);
                    float loss;
                    try (Torch.Collector collector = Torch.collect()) {
                        NDArray h = adapt(xs, d, delta[0], shift[0]);
                        for (int l = 0; l < hidden; l++) {
                            NDArray z = Linear.linear(h, w[l], b[l]).singletonOrThrow();
                            h = adapt(TorchMlp.activate(base.activation(), z), d, delta[l + 1], shift[l + 1]);
                        }
                        NDArray out = Linear.linear(h, w[hidden], b[hidden]).singletonOrThrow();
                        NDArray mse = TorchMlp.mse(out, ys);
                        NDArray reg = null;
                        for (int s = 0; s < sites; s++) {
                            NDArray term = delta[s].square().sum().add(shift[s].square().sum());
                            term.attach(step);
                            reg = reg == null ? term : reg.add(term);
                        }
                        collector.backward(mse.add(reg.mul(penalty)));
                        loss = mse.getFloat();
                    }
                    if (!Float.isFinite(loss)) {
                        throw DataException.option(TASK + " diverged (loss " + loss + " at epoch " + (epoch + 1)
                                + "); lower the learning rate (--lr)");
                    }
                    for (int s = 0; s < sites; s++) {
                        update(adam, "delta" + s, delta[s]);
                        update(adam, "shift" + s, shift[s]);
                    }
                }
                progress.update(TASK, epoch + 1, options.epochs());
            }
            for (int s = 0; s < sites; s++) {
                deltaOut[s] = delta[s].toFloatArray();
                shiftOut[s] = shift[s].toFloatArray();
            }
        }
        Map<String, AdaptedMlp.Adapter> adapters = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) {
            double[][] sc = new double[sites][];
            double[][] sh = new double[sites][];
            for (int s = 0; s < sites; s++) {
                sc[s] = new double[width[s]];
                sh[s] = new double[width[s]];
                for (int u = 0; u < width[s]; u++) {
                    sc[s][u] = 1.0 + deltaOut[s][j * width[s] + u];
                    sh[s][u] = shiftOut[s][j * width[s] + u];
                }
            }
            adapters.put(domains.get(j), new AdaptedMlp.Adapter(sc, sh));
        }
        return AdaptedMlp.of(base, adapters);
    }

    /** h * (1 + D delta) + D shift, with each row's domain parameters picked by the one-hot D. */
    private static NDArray adapt(NDArray h, NDArray oneHot, NDArray delta, NDArray shift) {
        return h.add(h.mul(oneHot.matMul(delta))).add(oneHot.matMul(shift));
    }

    private static void update(Optimizer optimizer, String id, NDArray parameter) {
        try (NDArray gradient = parameter.getGradient()) {
            optimizer.update(id, parameter, gradient);
        }
        Torch.zeroGradient(parameter);
    }
}
