package io.transfab.model.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.AtomicOutput;
import io.transfab.model.DomainRegressor;
import io.transfab.model.Json;
import io.transfab.model.Prediction;
import io.transfab.model.Regressor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A shared, frozen {@link MlpRegressor} with a small adapter per domain (lab, line, equipment): a
 * feature-wise scale and shift on the inputs and on every hidden layer's activations,
 * {@code h -> scale * h + shift}, identity when untrained. Rows of a domain without an adapter use
 * the mean of the trained adapters (the part of the adaptation all known domains share).
 * Saved as the base network's {@code mlp.json} plus {@value #FILE_NAME}.
 */
public final class AdaptedMlp implements DomainRegressor {
    public static final String KIND = "adapted-mlp";
    public static final String FILE_NAME = "adapters.json";
    private static final String FORMAT = "transfab-adapters";
    private static final int FORMAT_VERSION = 1;

    private final MlpRegressor base;
    private final Map<String, Adapter> adapters;
    private final Adapter mean;

    /**
     * Scale and shift per site: site 0 the inputs, site l + 1 the output of hidden layer l.
     * Arrays are copied in and out.
     */
    public record Adapter(double[][] scale, double[][] shift) {
        public Adapter {
            if (scale.length != shift.length) {
                throw new IllegalArgumentException("scale and shift differ in sites");
            }
            scale = copy(scale);
            shift = copy(shift);
            for (int s = 0; s < scale.length; s++) {
                if (scale[s].length != shift[s].length) {
                    throw new IllegalArgumentException("site " + s + ": scale and shift differ in width");
                }
                for (int j = 0; j < scale[s].length; j++) {
                    if (!Double.isFinite(scale[s][j]) || !Double.isFinite(shift[s][j])) {
                        throw new IllegalArgumentException("site " + s + " has a non-finite adapter value");
                    }
                }
            }
        }

        /** The identity adapter of {@code net}: scale 1, shift 0 at the inputs and every hidden layer. */
        public static Adapter identity(MlpRegressor net) {
            int sites = net.hiddenLayerCount() + 1;
            double[][] sc = new double[sites][];
            double[][] sh = new double[sites][];
            for (int s = 0; s < sites; s++) {
                int w = s == 0 ? net.inputCount() : net.layerSize(s - 1);
                sc[s] = new double[w];
                java.util.Arrays.fill(sc[s], 1.0);
                sh[s] = new double[w];
            }
            return new Adapter(sc, sh);
        }

        @Override
        public double[][] scale() {
            return copy(scale);
        }

        @Override
        public double[][] shift() {
            return copy(shift);
        }

        double[] apply(int site, double[] h) {
            double[] out = new double[h.length];
            for (int j = 0; j < h.length; j++) {
                out[j] = scale[site][j] * h[j] + shift[site][j];
            }
            return out;
        }

        private static double[][] copy(double[][] a) {
            double[][] c = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[i].clone();
            }
            return c;
        }
    }

    private AdaptedMlp(MlpRegressor base, Map<String, Adapter> adapters) {
        if (adapters.isEmpty()) {
            throw new IllegalArgumentException("at least one domain adapter is required");
        }
        Adapter id = Adapter.identity(base);
        for (Map.Entry<String, Adapter> e : adapters.entrySet()) {
            Adapter a = e.getValue();
            if (a.scale.length != id.scale.length) {
                throw new IllegalArgumentException("adapter of '" + e.getKey() + "' has " + a.scale.length
                        + " sites, the network " + id.scale.length);
            }
            for (int s = 0; s < a.scale.length; s++) {
                if (a.scale[s].length != id.scale[s].length) {
                    throw new IllegalArgumentException("adapter of '" + e.getKey() + "' site " + s + " has width "
                            + a.scale[s].length + ", the network " + id.scale[s].length);
                }
            }
        }
        this.base = base;
        this.adapters = Collections.unmodifiableMap(new TreeMap<>(adapters));
        double[][] sc = id.scale;
        double[][] sh = id.shift;
        for (int s = 0; s < sc.length; s++) {
            for (int j = 0; j < sc[s].length; j++) {
                double a = 0;
                double b = 0;
                for (Adapter ad : this.adapters.values()) {
                    a += ad.scale[s][j];
                    b += ad.shift[s][j];
                }
                sc[s][j] = a / this.adapters.size();
                sh[s][j] = b / this.adapters.size();
            }
        }
        this.mean = new Adapter(sc, sh);
    }

    /** The shared network with one adapter per domain (the network is referenced, not changed). */
    public static AdaptedMlp of(MlpRegressor base, Map<String, Adapter> adapters) {
        if (base == null || adapters == null) {
            throw new IllegalArgumentException("base network and adapters are required");
        }
        return new AdaptedMlp(base, adapters);
    }

    /** The shared network, exactly as it was before the adapters were trained. */
    public MlpRegressor base() {
        return base;
    }

    /** The adapter of a known domain, or the mean adapter for any other. */
    public Adapter adapter(String domain) {
        return adapters.getOrDefault(domain, mean);
    }

    /** The element-wise mean of the trained adapters, used for unseen domains. */
    public Adapter meanAdapter() {
        return mean;
    }

    @Override
    public Set<String> domains() {
        return adapters.keySet();
    }

    @Override
    public Regressor forDomain(String domain) {
        Adapter a = adapter(domain);
        AdaptedMlp self = this;
        return new Regressor() {
            @Override
            public String kind() {
                return KIND;
            }

            @Override
            public int inputCount() {
                return self.inputCount();
            }

            @Override
            public int outputCount() {
                return self.outputCount();
            }

            @Override
            public Prediction predict(double[][] x) {
                return self.predict(x, a);
            }

            @Override
            public void save(Path dir) {
                throw new UnsupportedOperationException("a one-domain view is not saved; save the AdaptedMlp");
            }
        };
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int inputCount() {
        return base.inputCount();
    }

    @Override
    public int outputCount() {
        return base.outputCount();
    }

    /** Predicts rows of an unseen domain (the mean adapter); see {@link #forDomain}. */
    @Override
    public Prediction predict(double[][] x) {
        return predict(x, mean);
    }

    private Prediction predict(double[][] x, Adapter a) {
        int hidden = base.hiddenLayerCount();
        double[][] out = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != inputCount()) {
                throw new IllegalArgumentException("row " + r + " has " + x[r].length + " inputs, the network takes "
                        + inputCount());
            }
            double[] h = a.apply(0, x[r]);
            for (int l = 0; l < hidden; l++) {
                h = a.apply(l + 1, base.layerOutput(l, h));
            }
            out[r] = base.layerOutput(hidden, h);
        }
        return Prediction.ofMean(out);
    }

    /** Writes the base network's file and {@value #FILE_NAME} (doubles as Java writes them: exact round trip). */
    @Override
    public void save(Path dir) throws IOException {
        base.save(dir);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        root.put("unseenDomain", "mean adapter");
        ObjectNode d = root.putObject("domains");
        for (Map.Entry<String, Adapter> e : adapters.entrySet()) {
            ObjectNode o = d.putObject(e.getKey());
            o.set("scale", Json.MAPPER.valueToTree(e.getValue().scale));
            o.set("shift", Json.MAPPER.valueToTree(e.getValue().shift));
        }
        AtomicOutput.writeString(dir.resolve(FILE_NAME), Json.MAPPER.writeValueAsString(root) + "\n");
    }

    public static AdaptedMlp load(Path dir) throws IOException {
        MlpRegressor base = MlpRegressor.load(dir);
        Path file = dir.resolve(FILE_NAME);
        JsonNode root = Json.read(file);
        if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt(-1) != FORMAT_VERSION) {
            throw new IOException(file + " is not a transfab adapter file of version " + FORMAT_VERSION);
        }
        Map<String, Adapter> adapters = new TreeMap<>();
        var it = Json.required(root, "domains", file).fields();
        while (it.hasNext()) {
            var e = it.next();
            adapters.put(e.getKey(), new Adapter(matrix(e.getValue().path("scale")),
                    matrix(e.getValue().path("shift"))));
        }
        try {
            return of(base, adapters);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static double[][] matrix(JsonNode rows) throws IOException {
        if (!(rows instanceof ArrayNode)) {
            throw new IOException("expected an array of arrays, got " + rows);
        }
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = rows.get(i);
            if (!row.isArray()) {
                throw new IOException("expected an array of numbers, got " + row);
            }
            out[i] = new double[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                if (!row.get(j).isNumber()) {
                    throw new IOException("expected a number, got " + row.get(j));
                }
                out[i][j] = row.get(j).asDouble();
            }
        }
        return out;
    }
}
