package io.transfab.campaign;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** A small synthetic lab over a space with a stepped, an integer and a categorical parameter and a constraint. */
final class CampaignFixtures {
    static final String SPACE = """
            parameters:
              - {name: gap, type: continuous, min: 100, max: 250, step: 5}
              - {name: load, type: integer, min: 0, max: 3}
              - {name: binder, type: categorical, levels: [PVDF, CMC]}
            constraints:
              - "gap + 20*load <= 260"
            """;

    private CampaignFixtures() {
    }

    static Path space(Path dir) throws IOException {
        return Files.writeString(dir.resolve("space.yaml"), SPACE);
    }

    /** Noisy density and capacity of one run (the "lab"). */
    static double[] measure(double gap, double load, String binder, SplittableRandom rng) {
        double b = binder.equals("PVDF") ? 0.1 : 0;
        double density = 2 + 0.004 * gap - 0.05 * load * load + b + 0.01 * rng.nextGaussian();
        double capacity = 0.02 * gap - 0.3 * load + Math.sin(gap / 40) + 0.02 * rng.nextGaussian();
        return new double[] {density, capacity};
    }

    /** Measures every row of a suggestions table and writes the results, with the suggestion ids, to a CSV. */
    static Path runLab(Table suggestions, Path file, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("suggestion,gap,load,binder,density,capacity,operator\n");
        for (int r = 0; r < suggestions.rowCount(); r++) {
            double gap = suggestions.number(r, suggestions.indexOf("gap"));
            double load = suggestions.number(r, suggestions.indexOf("load"));
            String binder = suggestions.cell(r, suggestions.indexOf("binder"));
            double[] y = measure(gap, load, binder, rng);
            sb.append(suggestions.cell(r, 0)).append(',').append(gap).append(',').append((long) load).append(',')
                    .append(binder).append(',').append(y[0]).append(',').append(y[1]).append(",ann\n");
        }
        return Files.writeString(file, sb.toString());
    }

    static Table read(Path p) {
        return CsvReader.read(p);
    }
}
