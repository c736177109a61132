package io.transfab.cli;

import io.transfab.data.DataException;
import io.transfab.simulate.Corruption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The realistic-corruption options of {@code simulate electrode} and {@code simulate gdl} ({@link Corruption}); all off by default. */
final class CorruptionOptions {
    @Option(names = "--corrupt", split = ",", paramLabel = "COL", description = "Columns the corruption options "
            + "below act on (e.g. density_g_cm3). Effects are in units of each column's SD.")
    List<String> columns = new ArrayList<>();

    @Option(names = "--threshold", defaultValue = "0", paramLabel = "Q", description = "A threshold response: "
            + "values below the column's Q-quantile read that value (default: 0, none).")
    double threshold;

    @Option(names = "--lab-effects", paramLabel = "LABS:OFFSET_SD:SCALE_SD", description = "Rows go to LABS labs in "
            + "turn (adds column 'lab'); each lab records mean + g (y - mean) + o with g ~ 1 + N(0, SCALE_SD) and "
            + "o ~ N(0, OFFSET_SD column SDs).")
    String labEffects;

    @Option(names = "--snr", defaultValue = "0", paramLabel = "R", description = "Signal-to-noise ratio: adds "
            + "Gaussian noise of SD = column SD / R (default: 0, none).")
    double snr;

    @Option(names = "--heavy-tails", paramLabel = "DOF:SCALE", description = "Adds Student-t noise with DOF degrees "
            + "of freedom and scale SCALE column SDs (e.g. 3:0.2).")
    String heavyTails;

    @Option(names = "--outliers", paramLabel = "FRACTION:SIZE", description = "Gross errors: each row with "
            + "probability FRACTION is shifted by +-SIZE column SDs (e.g. 0.05:4).")
    String outliers;

    /** The corruption these options describe ({@link Corruption#none()} when none is given). */
    Corruption corruption() {
        double[] lab = parts(labEffects, 3, "--lab-effects LABS:OFFSET_SD:SCALE_SD");
        double[] tails = parts(heavyTails, 2, "--heavy-tails DOF:SCALE");
        double[] out = parts(outliers, 2, "--outliers FRACTION:SIZE");
        if (lab[0] != Math.rint(lab[0])) {
            throw DataException.option("--lab-effects: LABS must be a whole number; got " + labEffects);
        }
        return new Corruption(columns.stream().map(String::strip).toList(), threshold, (int) lab[0], lab[1], lab[2],
                snr, tails[0], tails[1], out[0], out[1]);
    }

    private static double[] parts(String spec, int count, String usage) {
        double[] v = new double[count];
        if (spec == null) {
            return v;
        }
        String[] p = spec.strip().split(":", -1);
        if (p.length != count) {
            throw DataException.option("expected " + usage + ", got '" + spec + "'");
        }
        for (int i = 0; i < count; i++) {
            try {
                v[i] = Double.parseDouble(p[i].strip());
            } catch (NumberFormatException e) {
                throw DataException.option("'" + p[i] + "' in '" + spec + "' is not a number (" + usage + ")");
            }
        }
        return v;
    }
}
