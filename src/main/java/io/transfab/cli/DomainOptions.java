package io.transfab.cli;

import io.transfab.data.DataException;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Domains;
import io.transfab.model.NormalizationScheme;
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

    NormalizationScheme scheme() {
        return normalization == null ? NormalizationScheme.STANDARD : NormalizationScheme.fromCliName(normalization);
    }

    /** For commands without adapters: a domain column only makes sense with per-domain statistics. */
    void requireUsed() {
        if (domain != null && scheme() != NormalizationScheme.PER_DOMAIN) {
            throw DataException.option("--domain " + domain + " is used by --normalization per-domain (and "
                    + "finetune --strategy adapter); add --normalization per-domain or leave out --domain");
        }
        if (domain == null && scheme() == NormalizationScheme.PER_DOMAIN) {
            throw DataException.option("--normalization per-domain needs --domain COLUMN (the column naming "
                    + "each row's lab, line or equipment)");
        }
    }

    /** The schema of a loaded table; a missing domain column is reported with the domain's wording. */
    Schema schema(DataOptions.Loaded loaded) {
        if (domain != null) {
            Domains.labels(loaded.table(), domain);
        }
        return loaded.schema();
    }

    /** Each row's domain label, or null without --domain. */
    String[] labels(Table table) {
        return domain == null ? null : Domains.labels(table, domain);
    }
}
