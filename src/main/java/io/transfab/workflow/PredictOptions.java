package io.transfab.workflow;

import io.transfab.model.UnseenDomainRule;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The options of {@code predict}: new rows predicted with a saved model.
 *
 * @param out          the output CSV; {@code -} (standard output) only from the CLI
 * @param unseenDomain input statistics of rows whose domain the model never saw
 * @param strict       refuse rows outside the training range instead of flagging them
 * @param mediaRoot    folder the table's media files may lie under, or null
 * @param level        coverage of the interval columns, in (0, 1)
 * @param force        replace an --out that transfab did not write
 */
public record PredictOptions(Path model, Path data, Path out, UnseenDomainRule unseenDomain, boolean strict,
        Path mediaRoot, double level, boolean force, long seed) {
    public PredictOptions {
        Objects.requireNonNull(model, "--model");
        Objects.requireNonNull(data, "--data");
        Objects.requireNonNull(out, "--out");
        Objects.requireNonNull(unseenDomain, "--unseen-domain");
        Intervals.checkLevel(level);
    }

    /** --unseen-domain's rule: pooled when not given. */
    public static UnseenDomainRule rule(String cliName) {
        return cliName == null ? UnseenDomainRule.POOLED : UnseenDomainRule.fromCliName(cliName);
    }

    static PredictOptions of(JobParams p) {
        return new PredictOptions(p.requiredPath("model"), p.requiredPath("data"), p.output("out"),
                rule(p.string("unseen-domain")), p.flag("strict"), p.path("media-root"), p.number("level", 0.9),
                p.flag("force"), p.seed());
    }

    /** Whether the CSV goes to standard output ({@code -} or /dev/stdout). */
    public boolean toStandardOutput() {
        return CsvTarget.isStandardOutput(out);
    }
}
