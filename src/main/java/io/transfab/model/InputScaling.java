package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a model scales its encoded inputs: one {@link Normalizer} for every row (standard, robust,
 * min-max), or, for {@link NormalizationScheme#PER_DOMAIN}, one per value of a domain column with
 * the pooled statistics as fallback. Rows of a domain the model never saw are scaled by an
 * {@link UnseenDomainRule} and reported, never silently.
 */
public final class InputScaling {
    /** Fewest rows whose own statistics are trusted (for a training domain, or an unseen one under OWN_ROWS). */
    public static final int MIN_OWN_ROWS = 5;

    private final NormalizationScheme scheme;
    private final Normalizer pooled;
    private final String domainColumn;
    private final Map<String, Normalizer> domains;
    private final boolean[] scaled;

    private InputScaling(NormalizationScheme scheme, Normalizer pooled, String domainColumn,
            Map<String, Normalizer> domains, boolean[] scaled) {
        if (scheme == null || pooled == null) {
            throw new IllegalArgumentException("scheme and pooled normaliser are required");
        }
        if ((scheme == NormalizationScheme.PER_DOMAIN) != (domainColumn != null)) {
            throw DataException.option("per-domain normalisation needs a domain column (--domain COLUMN), "
                    + "and only it uses one");
        }
        if (scaled.length != pooled.width()) {
            throw new IllegalArgumentException("mask width " + scaled.length + " != normaliser width " + pooled.width());
        }
        for (Normalizer n : domains.values()) {
            if (n.width() != pooled.width()) {
                throw new IllegalArgumentException("per-domain normaliser width differs from the pooled one");
            }
        }
        this.scheme = scheme;
        this.pooled = pooled;
        this.domainColumn = domainColumn;
        this.domains = Collections.unmodifiableMap(new TreeMap<>(domains));
        this.scaled = scaled.clone();
    }

    /** One normaliser for every row ({@code scheme} must not be per-domain). */
    public static InputScaling global(NormalizationScheme scheme, Normalizer normalizer, boolean[] scaled) {
        return new InputScaling(scheme, normalizer, null, Map.of(), scaled);
    }

    /** Per-domain statistics as stored (loading a model). */
    public static InputScaling perDomain(Normalizer pooled, String domainColumn, Map<String, Normalizer> perDomain,
            boolean[] scaled) {
        return new InputScaling(NormalizationScheme.PER_DOMAIN, pooled, domainColumn, perDomain, scaled);
    }

    /**
     * Fits {@code scheme} on encoded inputs {@code x}, scaling the columns where {@code scaled[j]}.
     * For per-domain, {@code labels[i]} is row i's domain; a domain with fewer than
     * {@link #MIN_OWN_ROWS} rows keeps the pooled statistics, and a column constant within a domain
     * keeps the pooled scale (its own would be 0).
     */
    public static InputScaling fit(NormalizationScheme scheme, double[][] x, boolean[] scaled, String domainColumn,
            String[] labels) {
        return fit(scheme, x, scaled, domainColumn, labels, null);
    }

    /**
     * {@link #fit(NormalizationScheme, double[][], boolean[], String, String[])} of the log-ratio
     * coordinates of the composition inputs {@code lr} (null: none): every normaliser of the
     * scaling (pooled and per domain) applies {@code lr} first.
     */
    public static InputScaling fit(NormalizationScheme scheme, double[][] x, boolean[] scaled, String domainColumn,
            String[] labels, LogRatio lr) {
        if (scheme != NormalizationScheme.PER_DOMAIN) {
            return global(scheme, Normalizer.fit(scheme, x, scaled, lr), scaled);
        }
        if (domainColumn == null || labels == null) {
            throw DataException.option("--normalization per-domain needs --domain COLUMN");
        }
        Normalizer pooled = Normalizer.fit(NormalizationScheme.STANDARD, x, scaled, lr);
        Map<String, Normalizer> per = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : groups(labels).entrySet()) {
            per.put(e.getKey(), ownStatistics(Matrices.rows(x, e.getValue()), scaled, pooled));
        }
        return perDomain(pooled, domainColumn, per, scaled);
    }

    /** The log-ratio transform of the composition inputs every normaliser applies first, or null. */
    public LogRatio logRatio() {
        return pooled.logRatio();
    }

    private static Normalizer ownStatistics(double[][] raw, boolean[] mask, Normalizer pooled) {
        if (raw.length < MIN_OWN_ROWS) {
            return pooled;
        }
        double[][] rows = pooled.transform(raw);
        boolean[] scaled = pooled.logRatio() == null ? mask : pooled.logRatio().scaledMask(mask);
        double[] c = Normalizer.standardize(rows, scaled).center();
        double[] s = pooled.scale();
        for (int j = 0; j < scaled.length; j++) {
            if (!scaled[j]) {
                continue;
            }
            double var = 0;
            for (double[] row : rows) {
                var += (row[j] - c[j]) * (row[j] - c[j]);
            }
            double sd = Math.sqrt(var / rows.length);
            if (sd > 1e-12 * Math.max(1, Math.abs(c[j]))) {
                s[j] = sd;
            }
        }
        return Normalizer.of(c, s).withLogRatio(pooled.logRatio());
    }

    /** Row indices of every label, in order of first appearance. */
    public static Map<String, int[]> groups(String[] labels) {
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null) {
                throw new IllegalArgumentException("domain label of row " + i + " is missing");
            }
            rows.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        rows.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    public NormalizationScheme scheme() {
        return scheme;
    }

    /** The statistics of all training rows (the only ones unless per-domain). */
    public Normalizer pooled() {
        return pooled;
    }

    public boolean isPerDomain() {
        return domainColumn != null;
    }

    /** The domain column of a per-domain scaling, else null. */
    public String domainColumn() {
        return domainColumn;
    }

    /** The domains with their own statistics, sorted. */
    public List<String> knownDomains() {
        return List.copyOf(domains.keySet());
    }

    /** The normaliser of a known domain (or the pooled one). */
    public Normalizer normalizer(String domain) {
        return domains.getOrDefault(domain, pooled);
    }

    /**
     * Scaled inputs and what happened to unseen domains.
     *
     * @param unseen per row whether its domain had no statistics of its own in the model
     * @param rules  per unseen domain the rule actually applied ("pooled" or "own-rows")
     */
    public record Applied(double[][] z, boolean[] unseen, Map<String, String> rules) {
        public Applied {
            rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        }

        public boolean anyUnseen() {
            return !rules.isEmpty();
        }
    }

    /** {@link #apply(double[][], String[], UnseenDomainRule)} with the pooled rule, inputs only. */
    public double[][] apply(double[][] x, String[] labels) {
        return apply(x, labels, UnseenDomainRule.POOLED).z();
    }

    /**
     * Scales {@code x}; {@code labels} (row i's domain) are needed only for per-domain scaling, where
     * null means every row is of an unseen domain.
     */
    public Applied apply(double[][] x, String[] labels, UnseenDomainRule rule) {
        if (!isPerDomain()) {
            return new Applied(pooled.apply(x), new boolean[x.length], Map.of());
        }
        String[] l = labels != null ? labels : filled(x.length, "");
        if (l.length != x.length) {
            throw new IllegalArgumentException(x.length + " rows but " + l.length + " domain labels");
        }
        double[][] z = new double[x.length][];
        boolean[] unseen = new boolean[x.length];
        Map<String, String> rules = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : groups(l).entrySet()) {
            int[] rows = e.getValue();
            double[][] xs = Matrices.rows(x, rows);
            Normalizer n = domains.get(e.getKey());
            if (n == null) {
                boolean own = rule == UnseenDomainRule.OWN_ROWS && rows.length >= MIN_OWN_ROWS;
                n = own ? ownStatistics(xs, scaled, pooled) : pooled;
                rules.put(e.getKey(), (own ? UnseenDomainRule.OWN_ROWS : UnseenDomainRule.POOLED).cliName());
                for (int r : rows) {
                    unseen[r] = true;
                }
            }
            double[][] zs = n.apply(xs);
            for (int k = 0; k < rows.length; k++) {
                z[rows[k]] = zs[k];
            }
        }
        return new Applied(z, unseen, rules);
    }

    /** Back to units with each row's domain statistics (pooled for unseen domains): the inverse of apply. */
    public double[][] invert(double[][] z, String[] labels) {
        if (!isPerDomain()) {
            return pooled.invert(z);
        }
        double[][] x = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            x[i] = normalizer(labels[i]).invert(new double[][] {z[i]})[0];
        }
        return x;
    }

    private static String[] filled(int n, String v) {
        String[] a = new String[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * model.json's inputNormalizer: center and scale (pooled, what format-1 readers use), plus scheme,
     * the composition inputs' log-ratio groups ({@code composition}, only when there are some) and domains.
     */
    ObjectNode toJson() {
        ObjectNode o = normalizerJson(pooled);
        if (scheme != NormalizationScheme.STANDARD) { // default models stay byte-identical to format 1
            o.put("scheme", scheme.cliName());
        }
        if (logRatio() != null) { // absent in models without composition inputs, which stay byte-identical
            o.set("composition", logRatio().toJson());
        }
        if (isPerDomain()) {
            o.put("domainColumn", domainColumn);
            ObjectNode d = o.putObject("domains");
            domains.forEach((k, n) -> d.set(k, normalizerJson(n)));
        }
        return o;
    }

    static InputScaling fromJson(JsonNode o, boolean[] scaled) {
        if (!o.isObject()) {
            throw new IllegalArgumentException("input statistics are not an object: " + o);
        }
        LogRatio lr = o.has("composition") ? LogRatio.fromJson(o.get("composition"), scaled.length) : null;
        Normalizer pooled = normalizer(o).withLogRatio(lr);
        NormalizationScheme scheme = o.has("scheme") ? NormalizationScheme.fromCliName(o.get("scheme").asText())
                : NormalizationScheme.STANDARD;
        if (scheme != NormalizationScheme.PER_DOMAIN) {
            return global(scheme, pooled, scaled);
        }
        Map<String, Normalizer> per = new LinkedHashMap<>();
        o.path("domains").fields()
                .forEachRemaining(e -> per.put(e.getKey(), normalizer(e.getValue()).withLogRatio(lr)));
        return perDomain(pooled, o.path("domainColumn").asText(), per, scaled);
    }

    static ObjectNode normalizerJson(Normalizer n) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set("center", Json.MAPPER.valueToTree(n.center()));
        o.set("scale", Json.MAPPER.valueToTree(n.scale()));
        return o;
    }

    static Normalizer normalizer(JsonNode o) {
        return Normalizer.of(doubles(o.path("center")), doubles(o.path("scale")));
    }

    /** A saved array of numbers; anything else is a bad value (IllegalArgumentException). */
    private static double[] doubles(JsonNode arr) {
        if (!arr.isArray()) {
            throw new IllegalArgumentException("expected an array of numbers, got " + arr);
        }
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) {
            if (!arr.get(i).isNumber()) {
                throw new IllegalArgumentException("expected a number, got " + arr.get(i));
            }
            out[i] = arr.get(i).asDouble();
        }
        return out;
    }
}
