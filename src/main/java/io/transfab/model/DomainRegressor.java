package io.transfab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A regressor with per-domain parts (e.g. domain adapters): {@link #forDomain} gives the plain
 * regressor of one domain; {@link #predict} alone treats every row as of an unseen domain.
 */
public interface DomainRegressor extends Regressor {
    /** The domains with parts of their own. */
    Set<String> domains();

    /** The regressor for rows of {@code domain}; an unseen domain gets the documented fallback. */
    Regressor forDomain(String domain);

    /** {@code r} bound to one domain: itself unless it (or an ensemble's members) are domain regressors. */
    static Regressor bind(Regressor r, String domain) {
        if (r instanceof DomainRegressor d) {
            return d.forDomain(domain);
        }
        if (r instanceof Ensemble e && e.members().stream().anyMatch(m -> m instanceof DomainRegressor)) {
            List<Regressor> bound = new ArrayList<>();
            for (Regressor m : e.members()) {
                bound.add(bind(m, domain));
            }
            return Ensemble.of(bound);
        }
        return r;
    }

    /**
     * Predicts normalised rows {@code z} with {@code r} bound to each row's domain ({@code labels}
     * null: {@code r} as it is, i.e. unseen-domain fallback for a domain regressor).
     */
    static Prediction predict(Regressor r, double[][] z, String[] labels) {
        if (labels == null) {
            return r.predict(z);
        }
        double[][] mean = new double[z.length][];
        double[][] std = new double[z.length][];
        for (Map.Entry<String, int[]> g : InputScaling.groups(labels).entrySet()) {
            int[] rows = g.getValue();
            Prediction p = bind(r, g.getKey()).predict(Matrices.rows(z, rows));
            for (int k = 0; k < rows.length; k++) {
                mean[rows[k]] = p.mean()[k];
                std[rows[k]] = p.std()[k];
            }
        }
        return new Prediction(mean, std);
    }

    /** The domains known to {@code r} (union over an ensemble's members); null when it has no domain parts. */
    static Set<String> known(Regressor r) {
        if (r instanceof DomainRegressor d) {
            return d.domains();
        }
        if (r instanceof Ensemble e && e.members().stream().anyMatch(m -> m instanceof DomainRegressor)) {
            Set<String> all = new TreeSet<>();
            for (Regressor m : e.members()) {
                Set<String> k = known(m);
                if (k != null) {
                    all.addAll(k);
                }
            }
            return all;
        }
        return null;
    }
}
