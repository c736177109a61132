package io.transfab.model.nn;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.AtomicOutput;
import io.transfab.data.Hashing;
import io.transfab.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One trained hybrid network, immutable: its architecture and every parameter as float32 (as
 * trained). Predicts standardised inputs with DJL's forward pass on one thread. Saved as
 * {@code <stem>.json} (architecture, parameter names and shapes, SHA-256 of the values) beside
 * {@code <stem>.bin} (the values, big-endian float32 in that order: exact, compact).
 */
public final class HybridRegressor {
    static final String FORMAT = "transfab-hybrid-network";
    static final int FORMAT_VERSION = 1;

    private final HybridArchitecture architecture;
    private final Map<String, float[]> parameters;

    private HybridRegressor(HybridArchitecture architecture, Map<String, float[]> parameters) {
        this.architecture = architecture;
        this.parameters = parameters;
    }

    /** A network from its parameters (copied), checked against the architecture's shapes and for finiteness. */
    static HybridRegressor of(HybridArchitecture architecture, Map<String, float[]> parameters) {
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : architecture.parameterShapes().entrySet()) {
            float[] v = parameters.get(e.getKey());
            long size = 1;
            for (long d : e.getValue()) {
                size *= d;
            }
            if (v == null || v.length != size) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " needs " + size + " values, got "
                        + (v == null ? "none" : v.length));
            }
            for (float f : v) {
                if (!Float.isFinite(f)) {
                    throw new IllegalArgumentException("parameter " + e.getKey() + " has a non-finite value " + f);
                }
            }
            copy.put(e.getKey(), v.clone());
        }
        if (parameters.size() != copy.size()) {
            throw new IllegalArgumentException("unexpected parameters " + parameters.keySet() + " for "
                    + copy.keySet());
        }
        return new HybridRegressor(architecture, copy);
    }

    public HybridArchitecture architecture() {
        return architecture;
    }

    /** Copies of every parameter, in the architecture's order. */
    public Map<String, float[]> parameters() {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** Number of scalar parameters. */
    public int parameterCount() {
        return parameters.values().stream().mapToInt(v -> v.length).sum();
    }

    /** Outputs for several batches at once would hold them all; callers stream batches through {@link Predictor}. */
    Predictor predictor(NDManager manager) {
        return new Predictor(new HybridNetwork(manager, architecture, parameters, Set.of()));
    }

    /** A network loaded into a manager once and applied batch after batch. */
    static final class Predictor {
        private final HybridNetwork net;

        private Predictor(HybridNetwork net) {
            this.net = net;
        }

        /** Standardised outputs, rows x targets, without dropout. */
        float[][] predict(NDManager parent, HybridInputs in, HybridArchitecture a) {
            try (NDManager step = parent.newSubManager()) {
                return Torch.toMatrix(net.forward(step, in.images(step, a), in.series(step, a), in.tabular(step, a),
                        0.0, null));
            }
        }
    }

    /** Writes {@code <stem>.json} and {@code <stem>.bin} into {@code dir}. */
    void save(Path dir, String stem) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (float[] v : parameters.values()) {
                for (float f : v) {
                    out.writeFloat(f);
                }
            }
        }
        byte[] bin = bytes.toByteArray();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        root.set("architecture", Json.MAPPER.valueToTree(architecture));
        ArrayNode params = root.putArray("parameters");
        for (Map.Entry<String, long[]> e : architecture.parameterShapes().entrySet()) {
            params.addObject().put("name", e.getKey()).set("shape", Json.MAPPER.valueToTree(e.getValue()));
        }
        root.put("values", stem + ".bin");
        root.put("sha256", Hashing.sha256(bin));
        AtomicOutput.writeBytes(dir.resolve(stem + ".bin"), bin);
        Json.write(dir.resolve(stem + ".json"), root);
    }

    /** Reads a network written by {@link #save}; predictions are bit-identical to the saved one's. */
    static HybridRegressor load(Path dir, String stem) throws IOException {
        Path file = dir.resolve(stem + ".json");
        JsonNode root = Json.read(file);
        if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt(-1) != FORMAT_VERSION) {
            throw new IOException(file + " is not a transfab hybrid network of version " + FORMAT_VERSION);
        }
        HybridArchitecture arch = Json.required(root, "architecture", HybridArchitecture.class, file);
        String valuesFile = Json.requiredText(root, "values", file);
        byte[] bin = Files.readAllBytes(dir.resolve(valuesFile));
        if (!Hashing.sha256(bin).equals(Json.requiredText(root, "sha256", file))) {
            throw new IOException(dir.resolve(valuesFile) + " does not match its checksum");
        }
        List<String> names = List.copyOf(arch.parameterShapes().keySet());
        Map<String, float[]> values = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bin))) {
            for (String name : names) {
                long[] shape = arch.parameterShapes().get(name);
                long size = 1;
                for (long d : shape) {
                    size *= d;
                }
                float[] v = new float[Math.toIntExact(size)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                values.put(name, v);
            }
            if (in.available() != 0) {
                throw new IOException(stem + ".bin has " + in.available() + " bytes more than the architecture needs");
            }
        }
        try {
            return of(arch, values);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
