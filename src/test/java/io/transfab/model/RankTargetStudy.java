package io.transfab.model;

import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.Metrics;
import io.transfab.evaluate.Quantiles;
import io.transfab.evaluate.Splits;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.model.gp.GpOptions;
import io.transfab.simulate.Corruption;
import io.transfab.simulate.GdlFamily;
import io.transfab.simulate.GdlOptions;
import io.transfab.simulate.GdlParameters;
import io.transfab.simulate.GdlSimulator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The component measurement of docs/accuracy-components.md section 4 for {@code gp-rank}: a GP on the
 * normal scores of the target against the plain GP (both on the target rows alone, standardised inputs)
 * on 300 simulated felt GDL rows whose in-plane conductivity is floored at its 30 % quantile, with and
 * without the noise gdl-corrupted adds after the floor; test R2 on the rows not drawn, paired per draw.
 * Tagged {@code study}; {@code -Dstudy.draws=N} (default 20).
 */
@Tag("study")
class RankTargetStudy {
    private static final String Y = "el_conductivity_ip_s_m";

    @Test
    void rankGpAgainstThePlainGpOnAFlooredTarget() {
        int draws = Integer.getInteger("study.draws", 20);
        GdlSimulator felt = GdlSimulator.of(GdlFamily.FELT, GdlOptions.defaults());
        Table clean = felt.table(felt.simulate(300, 11, i -> { }), null, 11);
        List<Corruption> cases = List.of(new Corruption(List.of(Y), 0.3, 0, 0, 0, 0, 0, 0, 0, 0),
                new Corruption(List.of(Y), 0.3, 0, 0, 0, 3, 3, 0.2, 0.05, 4));
        for (Corruption c : cases) {
            Table t = c.apply(clean, 12).table();
            Schema schema = Schema.infer(t, GdlParameters.names(), List.of(Y), List.of());
            io.transfab.data.Dataset d = io.transfab.data.Dataset.of(t, schema);
            for (int n : new int[] {10, 20}) {
                double[] gp = new double[draws];
                double[] rank = new double[draws];
                int fired = 0;
                for (int draw = 0; draw < draws; draw++) {
                    int[] perm = Splits.permutation(d.size(), Seeds.derive(draw, "rank-study"));
                    double[][] x = rows(d.x(), perm, 0, n);
                    double[][] y = rows(d.y(), perm, 0, n);
                    double[][] xt = rows(d.x(), perm, n, d.size());
                    double[] yt = Arrays.stream(rows(d.y(), perm, n, d.size())).mapToDouble(r -> r[0]).toArray();
                    Normalizer in = Normalizer.standardize(x);
                    Normalizer out = Normalizer.standardize(y);
                    GaussianProcessTrainer trainer = GaussianProcessTrainer.of(GpOptions.defaults());
                    Regressor plain = trainer.fit(in.apply(x), out.apply(y), draw, Progress.NONE);
                    TargetTransform g = TargetTransform.normalScores(y);
                    double[][] latent = g.forward(y);
                    Normalizer latentScale = Normalizer.standardize(latent);
                    Regressor ranked = TransformedTargetRegressor.of(trainer.fit(in.apply(x), latentScale.apply(latent),
                            draw, Progress.NONE), g, latentScale, out);
                    gp[draw] = r2(out, plain, in.apply(xt), yt);
                    rank[draw] = r2(out, ranked, in.apply(xt), yt);
                    double min = Arrays.stream(y).mapToDouble(r -> r[0]).min().orElseThrow();
                    fired += Arrays.stream(y).filter(r -> r[0] == min).count() >= Math.max(2, 0.2 * n) ? 1 : 0;
                }
                double[] diff = new double[draws];
                int wins = 0;
                for (int i = 0; i < draws; i++) {
                    diff[i] = rank[i] - gp[i];
                    wins += diff[i] > 0 ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "%s n=%d draws=%d floor-rule fired %d: gp R2 median %.3f, gp-rank %.3f,"
                        + " paired diff median %.3f, gp-rank better in %d%n", c.snr() > 0 ? "floor+noise" : "floor",
                        n, draws, fired, Quantiles.median(gp), Quantiles.median(rank), Quantiles.median(diff), wins);
            }
        }
    }

    private static double r2(Normalizer out, Regressor r, double[][] xt, double[] yt) {
        double[][] p = out.invert(r.predict(xt).mean());
        return Metrics.of(yt, Arrays.stream(p).mapToDouble(row -> row[0]).toArray()).r2();
    }

    private static double[][] rows(double[][] a, int[] perm, int from, int to) {
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = a[perm[i]];
        }
        return out;
    }
}
