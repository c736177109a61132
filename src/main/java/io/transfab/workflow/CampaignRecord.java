package io.transfab.workflow;

import io.transfab.campaign.Campaign;
import io.transfab.data.CsvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** {@code campaign record}: measured results added to a campaign. */
public final class CampaignRecord {
    private final Options options;

    private CampaignRecord(Options options) {
        this.options = options;
    }

    public static CampaignRecord of(Options options) {
        return new CampaignRecord(options);
    }

    /** The options of {@code campaign record}. */
    public record Options(Path dir, Path data) {
        public Options {
            Objects.requireNonNull(dir, "--dir");
            Objects.requireNonNull(data, "--data");
        }
    }

    /** What was recorded and the summary the CLI prints. */
    public record Result(Campaign.Recorded recorded, List<String> summary) {
        public Result {
            summary = List.copyOf(summary);
        }
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Campaign c = Campaign.open(options.dir());
        cancellation.check();
        Campaign.Recorded r = c.record(CsvReader.read(options.data()));
        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "Recorded %d results (%d linked to suggestions); %d in %s", r.added(),
                r.linked(), r.total(), options.dir().resolve("results.csv")));
        if (!r.ignoredColumns().isEmpty()) {
            summary.add("Note: columns not kept: " + String.join(", ", r.ignoredColumns()));
        }
        return new Result(r, summary);
    }
}
