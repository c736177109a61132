package io.transfab.workflow;

import io.transfab.campaign.Campaign;
import io.transfab.campaign.ModelVersion;
import io.transfab.campaign.TargetScore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code campaign status}: rounds and model versions with rows, cross-validated error and mean predicted
 * uncertainty (the campaign also writes status.json and status.csv).
 */
public final class CampaignStatus {
    private final Options options;

    private CampaignStatus(Options options) {
        this.options = options;
    }

    public static CampaignStatus of(Options options) {
        return new CampaignStatus(options);
    }

    /** The options of {@code campaign status}. */
    public record Options(Path dir) {
        public Options {
            Objects.requireNonNull(dir, "--dir");
        }
    }

    /** The status and the table the CLI prints. */
    public record Result(Campaign.Status status, List<String> summary) {
        public Result {
            summary = List.copyOf(summary);
        }
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Path dir = options.dir();
        Campaign c = Campaign.open(dir);
        List<String> lines = new ArrayList<>();
        if (c.store().reconciled()) {
            lines.add("Note: campaign.json was behind the files (an interrupted write) and was updated");
        }
        cancellation.check();
        Campaign.Status s = c.status();
        lines.add(String.format(Locale.ROOT, "Campaign %s: %d results, %d rounds, %d model versions", dir,
                s.results(), s.rounds().size(), s.versions().size()));
        lines.add("round  origin       goal                      suggested  recorded");
        for (Campaign.RoundStatus r : s.rounds()) {
            lines.add(String.format(Locale.ROOT, "%5d  %-11s  %-24s  %9d  %8d", r.round(), r.origin(), r.goal(),
                    r.suggestions(), r.recorded()));
        }
        StringBuilder head = new StringBuilder("version  rows  method           ");
        for (String t : s.targets()) {
            head.append(String.format(Locale.ROOT, "  %s: CV RMSE / CV R2 / mean std", t));
        }
        lines.add(head.toString());
        for (ModelVersion v : s.versions()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7s  %4d  %-16s", v.name()
                    + (v.note().isEmpty() ? "" : "*"), v.rows(), v.method()));
            for (TargetScore sc : v.scores()) {
                line.append(String.format(Locale.ROOT, "  %s / %s / %s", fmt(sc.cvRmse()), fmt(sc.cvR2()),
                        fmt(sc.meanStd())));
            }
            lines.add(line.toString());
        }
        if (s.versions().stream().anyMatch(v -> !v.note().isEmpty())) {
            lines.add("* see the note in models/vN/version.json");
        }
        lines.add("-> " + dir.resolve("status.json") + ", " + dir.resolve("status.csv"));
        return new Result(s, lines);
    }

    /** A score to four significant digits, "-" where there is none. */
    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }
}
