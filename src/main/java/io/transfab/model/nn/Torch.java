package io.transfab.model.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The one door to DJL's PyTorch engine. Loading this class forces offline mode (the CPU libtorch
 * comes from the bundled native jar, nothing is downloaded) and pins libtorch to one intra-op and
 * one inter-op thread: the networks are tiny (no gain from threads) and a fixed thread count keeps
 * floating-point reductions in the same order, so the same seed gives bit-identical weights on
 * every machine.
 */
final class Torch {
    static final String ENGINE_NAME = "PyTorch";
    private static final Engine ENGINE;
    private static final RuntimeException LOAD_FAILURE;

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true"); // DJL's usage telemetry; offline mode skips it too
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        Engine engine = null;
        RuntimeException failure = null;
        try {
            engine = Engine.getEngine(ENGINE_NAME);
            JniUtils.setNumThreads(1); // also when something else loaded the engine before us
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            failure = new IllegalStateException("the PyTorch engine could not be loaded offline from the bundled "
                    + "native jar (ai.djl.pytorch:pytorch-native-cpu): " + e.getMessage(), e);
        }
        ENGINE = engine;
        LOAD_FAILURE = failure;
    }

    private Torch() {
    }

    /** A fresh CPU manager; the caller closes it (try-with-resources). */
    static NDManager newManager() {
        if (LOAD_FAILURE != null) {
            throw LOAD_FAILURE;
        }
        // libtorch's grad mode is per thread and on by default: outside a collector we want none.
        JniUtils.setGradMode(false);
        return NDManager.newBaseManager(Device.cpu(), ENGINE_NAME);
    }

    /**
     * Opens a gradient collector on this thread. DJL's own collector is a process-wide singleton
     * (one may be open at a time, so every training step of every thread used to wait for one lock);
     * what it does is per thread in libtorch: grad mode is thread-local and a backward pass runs on
     * the calling thread (one intra-op thread). This collector does the same without the global
     * flag, so batches on different threads train side by side, each computing what it computes alone.
     */
    static Collector collect() {
        if (LOAD_FAILURE != null) {
            throw LOAD_FAILURE;
        }
        return new Collector();
    }

    /** Grad mode on for this thread until closed; {@link #backward} as DJL's collector (seed gradient one). */
    static final class Collector implements AutoCloseable {
        private final boolean before;

        private Collector() {
            before = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
        }

        void backward(NDArray target) {
            try (NDArray ones = target.getManager().ones(target.getShape(), target.getDataType())) {
                JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
            }
        }

        @Override
        public void close() {
            JniUtils.setGradMode(before);
        }
    }

    /**
     * Sets a parameter's accumulated gradient to zero. libtorch adds every backward pass into
     * {@code .grad} and DJL's collector does not clear it; DJL 0.36's native Adam update happens to
     * clear it too, but that is an engine detail, so the trainer clears it explicitly each step.
     */
    static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }

    /** Row-major float copy of a double matrix, as an NDArray of shape rows x cols in {@code manager}. */
    static NDArray matrix(NDManager manager, double[][] rows, int cols) {
        float[] flat = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols; c++) {
                flat[r * cols + c] = (float) rows[r][c];
            }
        }
        return owned(manager, flat, new Shape(rows.length, cols));
    }

    static NDArray matrix(NDManager manager, float[][] rows) {
        int cols = rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return owned(manager, flat, new Shape(rows.length, cols));
    }

    /**
     * An array holding a copy of {@code data} in libtorch's own allocator. DJL's CPU {@code create}
     * wraps a Java direct buffer without copying; cloning at once means no tensor ever depends on
     * that buffer's lifetime or on its (allocator-dependent) alignment.
     */
    static NDArray owned(NDManager manager, float[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }

    /** The float matrix of a 2-d array, {@code [rows][cols]}. */
    static float[][] toMatrix(NDArray array) {
        long[] shape = array.getShape().getShape();
        int rows = Math.toIntExact(shape[0]);
        int cols = Math.toIntExact(shape[1]);
        float[] flat = array.toFloatArray();
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }
}
