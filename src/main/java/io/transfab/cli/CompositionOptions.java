package io.transfab.cli;

import picocli.CommandLine.Option;

/** --composition of every command that trains on a table (see {@link io.transfab.model.Compositions}). */
final class CompositionOptions {
    @Option(names = "--composition", paramLabel = "off|auto|COLS", description = "Feature columns that are parts "
            + "of a whole (fractions summing to 1, percentages summing to 100) enter the model as log-ratio (ilr) "
            + "coordinates: auto detects groups of >= 3 non-negative columns with a constant row sum; COLS names "
            + "them (a+b+c, groups separated by ';'); off keeps every column as it is. Default: the roles file's "
            + "'compositions:', else auto. finetune always takes the base model's; assess finds the groups on the "
            + "source table (else the target) and gives them to every method.")
    String composition;
}
