package io.transfab.workflow;

import io.transfab.data.DataException;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Domains;
import io.transfab.model.NormalizationScheme;

/**
 * --normalization and --domain of pretrain, train and finetune (see docs/transfer.md).
 *
 * @param normalization the scheme's CLI name, null for standard
 * @param domain        the column naming each row's domain, or null
 */
public record DomainSettings(String normalization, String domain) {
    public DomainSettings {
        if (normalization != null) {
            NormalizationScheme.fromCliName(normalization);
        }
    }

    static DomainSettings of(JobParams p) {
        return new DomainSettings(p.string("normalization"), p.string("domain"));
    }

    public NormalizationScheme scheme() {
        return normalization == null ? NormalizationScheme.STANDARD : NormalizationScheme.fromCliName(normalization);
    }

    /** For commands without adapters: a domain column only makes sense with per-domain statistics. */
    public void requireUsed() {
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
    public Schema schema(TableSettings.Loaded loaded) {
        if (domain != null) {
            Domains.labels(loaded.table(), domain);
        }
        return loaded.schema();
    }

    /** Each row's domain label, or null without --domain. */
    public String[] labels(Table table) {
        return domain == null ? null : Domains.labels(table, domain);
    }
}
