package io.transfab.cli;

import io.transfab.data.Table;
import io.transfab.model.NormalizationScheme;
import io.transfab.workflow.DomainSettings;
import picocli.CommandLine.Option;

/** --normalization and --domain of pretrain, train and finetune (see docs/transfer.md). */
final class DomainOptions {
    @Option(names = "--normalization", paramLabel = "SCHEME", description = "How inputs (and targets) are scaled: "
            + "standard (mean/sd), robust (median/IQR), minmax (to [-1, 1]) or per-domain (mean/sd of the inputs per "
            + "value of --domain) (default: standard). Stored in the model and applied by predict.")
    String normalization;

    @Option(names = "--domain", paramLabel = "COLUMN", description = "Column naming each row's domain (lab, line, "
            + "equipment); not a feature. Used by --normalization per-domain and finetune --strategy adapter; "
            + "predict then needs the column too.")
    String domain;

    /** The options as the use cases take them. */
    DomainSettings settings() {
        return new DomainSettings(normalization, domain);
    }

    NormalizationScheme scheme() {
        return settings().scheme();
    }

    /** Each row's domain label, or null without --domain. */
    String[] labels(Table table) {
        return settings().labels(table);
    }
}
