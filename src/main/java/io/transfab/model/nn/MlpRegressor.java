package io.transfab.model.nn;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.AtomicOutput;
import io.transfab.model.Prediction;
import io.transfab.model.Regressor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained fully connected network, immutable: layer {@code l} computes
 * {@code h_l = act(W_l h_(l-1) + b_l)} for the hidden layers and {@code W_L h_(L-1) + b_L} for the
 * output layer. Weights are float32 (as trained), stored as Java arrays with torch's
 * {@code [out][in]} layout; prediction runs in plain Java in double precision.
 */
public final class MlpRegressor implements Regressor {
    /** Name of the parameter file written by {@link #save}. */
    public static final String KIND = "mlp";
    public static final String FILE_NAME = "mlp.json";
    static final String FORMAT = "transfab-mlp";
    static final int FORMAT_VERSION = 1;

    private final Activation activation;
    private final float[][][] weights;
    private final float[][] biases;
    private final ForwardPass forward;

    private MlpRegressor(Activation activation, float[][][] weights, float[][] biases) {
        this.activation = activation;
        this.weights = weights;
        this.biases = biases;
        this.forward = ForwardPass.of(activation, weights, biases);
    }

    /**
     * Builds a network from its layers (hidden layers first, output layer last), checking that the
     * shapes chain and every value is finite. The arrays are copied.
     *
     * @param weights one {@code [out][in]} matrix per layer
     * @param biases  one {@code [out]} vector per layer
     */
    public static MlpRegressor of(Activation activation, List<float[][]> weights, List<float[]> biases) {
        if (activation == null) {
            throw new IllegalArgumentException("activation is required");
        }
        if (weights.size() < 2) {
            throw new IllegalArgumentException("an MLP needs at least one hidden and one output layer, got "
                    + weights.size() + " layers");
        }
        if (weights.size() != biases.size()) {
            throw new IllegalArgumentException(weights.size() + " weight matrices but " + biases.size() + " biases");
        }
        float[][][] w = new float[weights.size()][][];
        float[][] b = new float[weights.size()][];
        int in = -1;
        for (int l = 0; l < w.length; l++) {
            float[][] wl = weights.get(l);
            float[] bl = biases.get(l);
            if (wl == null || wl.length == 0 || bl == null) {
                throw new IllegalArgumentException("layer " + l + " is empty");
            }
            int layerIn = wl[0].length;
            if (layerIn == 0 || (in >= 0 && layerIn != in)) {
                throw new IllegalArgumentException("layer " + l + " has " + layerIn + " inputs, expected "
                        + (in >= 0 ? in : "at least 1"));
            }
            if (bl.length != wl.length) {
                throw new IllegalArgumentException("layer " + l + " has " + wl.length + " outputs but a bias of "
                        + bl.length);
            }
            w[l] = new float[wl.length][];
            for (int o = 0; o < wl.length; o++) {
                if (wl[o].length != layerIn) {
                    throw new IllegalArgumentException("layer " + l + " row " + o + " has " + wl[o].length
                            + " columns, expected " + layerIn);
                }
                requireFinite(wl[o], "layer " + l + " weights");
                w[l][o] = wl[o].clone();
            }
            requireFinite(bl, "layer " + l + " bias");
            b[l] = bl.clone();
            in = wl.length;
        }
        return new MlpRegressor(activation, w, b);
    }

    private static void requireFinite(float[] values, String what) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " contain a non-finite value " + v);
            }
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int inputCount() {
        return weights[0][0].length;
    }

    @Override
    public int outputCount() {
        return weights[weights.length - 1].length;
    }

    public Activation activation() {
        return activation;
    }

    /** Number of hidden layers; layers are numbered 0..hiddenLayerCount(), the last is the output layer. */
    public int hiddenLayerCount() {
        return weights.length - 1;
    }

    /** Width of layer {@code layer}'s output (hidden units, or targets for the output layer). */
    public int layerSize(int layer) {
        checkLayer(layer);
        return weights[layer].length;
    }

    /** A copy of layer {@code layer}'s weight matrix, {@code [out][in]}. */
    public float[][] weights(int layer) {
        checkLayer(layer);
        float[][] out = new float[weights[layer].length][];
        for (int o = 0; o < out.length; o++) {
            out[o] = weights[layer][o].clone();
        }
        return out;
    }

    /** A copy of layer {@code layer}'s bias. */
    public float[] bias(int layer) {
        checkLayer(layer);
        return biases[layer].clone();
    }

    /** The same hidden layers with another output layer ({@code [outputs][lastHiddenWidth]}), e.g. a head re-fit. */
    public MlpRegressor withHead(float[][] headWeights, float[] headBias) {
        List<float[][]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (int l = 0; l < hiddenLayerCount(); l++) {
            w.add(weights[l]);
            b.add(biases[l]);
        }
        w.add(headWeights);
        b.add(headBias);
        return of(activation, w, b);
    }

    private void checkLayer(int layer) {
        if (layer < 0 || layer >= weights.length) {
            throw new IndexOutOfBoundsException("layer " + layer + " of 0.." + (weights.length - 1));
        }
    }

    /** Means of every row; the standard deviations are NaN (a single network gives no uncertainty). */
    @Override
    public Prediction predict(double[][] x) {
        checkInputs(x);
        return Prediction.ofMean(forward.apply(x, weights.length));
    }

    /** Activations of the last hidden layer for every row, n x layerSize(hiddenLayerCount() - 1). */
    public double[][] embed(double[][] x) {
        return activations(x, hiddenLayerCount());
    }

    /** Activations after the first {@code k} hidden layers (k = 0 gives the inputs). */
    double[][] activations(double[][] x, int k) {
        checkInputs(x);
        if (k < 0 || k > hiddenLayerCount()) {
            throw new IndexOutOfBoundsException("hidden layers 0.." + hiddenLayerCount() + ", got " + k);
        }
        return forward.apply(x, k);
    }

    private void checkInputs(double[][] x) {
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != inputCount()) {
                throw new IllegalArgumentException("row " + r + " has " + x[r].length + " inputs, the network takes "
                        + inputCount());
            }
        }
    }

    /** Layer {@code l} applied to one row: activated for hidden layers, linear for the output layer. */
    double[] layerOutput(int l, double[] in) {
        checkLayer(l);
        return layer(l, in, l < hiddenLayerCount());
    }

    private double[] layer(int l, double[] in, boolean activate) {
        float[][] w = weights[l];
        double[] out = new double[w.length];
        for (int o = 0; o < w.length; o++) {
            double z = biases[l][o];
            float[] row = w[o];
            for (int i = 0; i < row.length; i++) {
                z += row[i] * in[i];
            }
            out[o] = activate ? activation.apply(z) : z;
        }
        return out;
    }

    /** Writes {@value #FILE_NAME}: format, version, activation, layer sizes and every weight (exact float text). */
    @Override
    public void save(Path dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        root.put("kind", kind());
        root.put("activation", activation.name());
        ArrayNode sizes = root.putArray("layerSizes");
        sizes.add(inputCount());
        for (float[][] w : weights) {
            sizes.add(w.length);
        }
        ArrayNode layers = root.putArray("layers");
        for (int l = 0; l < weights.length; l++) {
            ObjectNode layer = layers.addObject();
            ArrayNode w = layer.putArray("weights");
            for (float[] row : weights[l]) {
                ArrayNode r = w.addArray();
                for (float v : row) {
                    r.add(v); // FloatNode: written with Float.toString, which parses back to the same float
                }
            }
            ArrayNode b = layer.putArray("bias");
            for (float v : biases[l]) {
                b.add(v);
            }
        }
        AtomicOutput.writeString(dir.resolve(FILE_NAME), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /** Reads a network written by {@link #save}; predictions are bit-identical to the saved one's. */
    public static MlpRegressor load(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        JsonNode root;
        try (JsonParser parser = new JsonFactory().createParser(Files.readString(file))) {
            parser.nextToken();
            root = readExact(parser);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + " is not a transfab MLP file (format '" + FORMAT + "' expected)");
        }
        int version = root.path("version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IOException(file + " has MLP format version " + version + "; this build reads version "
                    + FORMAT_VERSION);
        }
        Activation activation;
        try {
            activation = Activation.valueOf(root.path("activation").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": unknown activation '" + root.path("activation").asText() + "'", e);
        }
        List<float[][]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (JsonNode layer : root.path("layers")) {
            JsonNode rows = layer.path("weights");
            float[][] wl = new float[rows.size()][];
            for (int o = 0; o < wl.length; o++) {
                wl[o] = floats(rows.get(o));
            }
            w.add(wl);
            b.add(floats(layer.path("bias")));
        }
        MlpRegressor model;
        try {
            model = of(activation, w, b);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        JsonNode sizes = root.path("layerSizes");
        if (sizes.size() != w.size() + 1 || sizes.get(0).asInt() != model.inputCount()) {
            throw new IOException(file + ": layerSizes " + sizes + " do not match the stored weights");
        }
        for (int l = 0; l < w.size(); l++) {
            if (sizes.get(l + 1).asInt() != model.layerSize(l)) {
                throw new IOException(file + ": layerSizes " + sizes + " do not match the stored weights");
            }
        }
        return model;
    }

    /**
     * A JSON tree whose numbers are kept as their exact token text, so {@link Float#parseFloat} sees
     * precisely what {@link Float#toString} wrote (a double or BigDecimal detour could round twice
     * or lose the sign of -0.0).
     */
    private static JsonNode readExact(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                node.set(name, readExact(parser));
            }
            return node;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode node = JsonNodeFactory.instance.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                node.add(readExact(parser));
            }
            return node;
        }
        if (token == null) {
            throw new IOException("unexpected end of JSON");
        }
        return token.isScalarValue() ? JsonNodeFactory.instance.textNode(parser.getText())
                : JsonNodeFactory.instance.nullNode();
    }

    private static float[] floats(JsonNode array) throws IOException {
        if (array == null || !array.isArray()) {
            throw new IOException("expected an array of numbers, got " + array);
        }
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            String v = array.get(i).asText();
            try {
                out[i] = Float.parseFloat(v);
            } catch (NumberFormatException e) {
                throw new IOException("expected a number, got '" + v + "'", e);
            }
        }
        return out;
    }
}
