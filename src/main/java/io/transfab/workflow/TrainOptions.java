package io.transfab.workflow;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The options of {@code train}: a model trained from scratch on one table.
 *
 * @param ensemble members with different seeds; null: 5 for mlp, 1 otherwise
 */
public record TrainOptions(TableSettings table, ModelChoice model, Path out, Integer ensemble,
        NetworkSettings network, DomainSettings domains, boolean force, long seed) {
    public TrainOptions {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(model, "--model");
        Objects.requireNonNull(out, "--out");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(domains, "domains");
        domains.requireUsed();
    }

    static TrainOptions of(JobParams p) {
        return new TrainOptions(TableSettings.of(p), ModelChoice.fromCliName(p.string("model", "gp")),
                p.output("out"), p.integer("ensemble"), NetworkSettings.of(p), DomainSettings.of(p), p.flag("force"),
                p.seed());
    }

    /** Members of the ensemble: as given, else 5 for an MLP and 1 otherwise. */
    public int members() {
        return ensemble != null ? ensemble : (model == ModelChoice.MLP ? 5 : 1);
    }
}
