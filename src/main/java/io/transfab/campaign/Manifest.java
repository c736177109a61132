package io.transfab.campaign;

import java.util.List;
import java.util.Objects;

/**
 * The content of {@code campaign.json}: the fixed set-up written once by {@code init}, and a summary of
 * the history that is only a cache of the files (results.csv, rounds/, models/) and is rebuilt from them
 * whenever it disagrees (see {@link CampaignStore#open}).
 *
 * @param targets measured properties, in model order
 * @param parameters parameter names of the space, in space order
 * @param base {@code base} when a base model was copied into the campaign, empty for models from scratch
 * @param source absolute path of the source table for re-pre-training, empty when none
 * @param seed seed of the campaign's fixed uncertainty sample
 */
public record Manifest(String format, int formatVersion, List<String> targets, List<String> parameters, String base,
        String source, long seed, History history) {
    /** The {@code format} value of a campaign manifest. */
    public static final String FORMAT = "transfab-campaign";
    /** Current layout version; opening refuses newer ones. */
    public static final int VERSION = 1;

    /** What the files held when the manifest was last written. */
    public record History(int results, List<Integer> rounds, List<Integer> versions) {
        public History {
            rounds = List.copyOf(rounds);
            versions = List.copyOf(versions);
        }

        static History empty() {
            return new History(0, List.of(), List.of());
        }
    }

    public Manifest {
        Objects.requireNonNull(format, "format");
        targets = List.copyOf(targets);
        parameters = List.copyOf(parameters);
        base = base == null ? "" : base;
        source = source == null ? "" : source;
        Objects.requireNonNull(history, "history");
    }

    public boolean hasBase() {
        return !base.isEmpty();
    }

    public Manifest withHistory(History h) {
        return new Manifest(format, formatVersion, targets, parameters, base, source, seed, h);
    }
}
