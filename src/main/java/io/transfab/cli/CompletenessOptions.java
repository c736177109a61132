package io.transfab.cli;

import picocli.CommandLine.Option;

/** --drop-incomplete of every command that trains on a table (see {@link io.transfab.workflow.TableSettings}). */
final class CompletenessOptions {
    @Option(names = "--drop-incomplete", description = "Skip rows with a blank cell in a column the command uses "
            + "(counted on stderr and, where the command saves a model, in model.json) instead of stopping at the "
            + "first blank.")
    boolean dropIncomplete;
}
