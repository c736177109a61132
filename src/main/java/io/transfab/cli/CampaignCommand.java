package io.transfab.cli;

import io.transfab.data.CsvWriter;
import io.transfab.workflow.CampaignInit;
import io.transfab.workflow.CampaignRecord;
import io.transfab.workflow.CampaignRetrain;
import io.transfab.workflow.CampaignStatus;
import io.transfab.workflow.CampaignSuggest;
import io.transfab.workflow.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Experiment campaigns: rounds of suggestions, recorded results and model versions in one directory. */
@Command(name = "campaign", mixinStandardHelpOptions = true, description = "Run an experiment campaign in a "
        + "directory: init, suggest the next round, record results, retrain, status (see docs/design.md#campaigns).",
        subcommands = {CampaignCommand.Init.class, CampaignCommand.Suggest.class, CampaignCommand.Record.class,
            CampaignCommand.Retrain.class, CampaignCommand.Status.class})
final class CampaignCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose init, suggest, record, retrain or status");
    }

    /** The {@code --dir} of an existing campaign, which every subcommand but init takes. */
    static final class CampaignDir {
        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Campaign directory.")
        Path dir;
    }

    /** {@code campaign init}. */
    @Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false, description = "Create a campaign "
            + "directory from a parameter space and the targets to measure.")
    static final class Init implements Callable<Integer> {
        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Campaign directory (new).")
        Path dir;

        @Option(names = "--space", required = true, paramLabel = "YAML", description = "Parameter space file.")
        Path space;

        @Option(names = "--targets", required = true, split = ",", paramLabel = "COL",
                description = "Measured properties.")
        List<String> targets = new ArrayList<>();

        @Option(names = "--base", paramLabel = "DIR", description = "Pre-trained model to fine-tune (copied into the "
                + "campaign); without it each version is a Gaussian process trained from scratch.")
        Path base;

        @Option(names = "--data", paramLabel = "CSV", description = "Results that exist already.")
        Path data;

        @Option(names = "--source", paramLabel = "CSV", description = "Source table of the base model, for "
                + "retrain --repretrain (referenced, not copied).")
        Path source;

        @Mixin
        CommonOptions common;

        /** The options record of the use case. */
        CampaignInit.Options options() {
            return new CampaignInit.Options(dir, space, targets, base, data, source, common.seed);
        }

        @Override
        public Integer call() throws Exception {
            System.out.println(CampaignInit.of(options()).run(CliListener.stderr(), Cancellation.none()).summary());
            return 0;
        }
    }

    /** {@code campaign suggest}. */
    @Command(name = "suggest", mixinStandardHelpOptions = true, sortOptions = false, description = "Suggest the next "
            + "round: a designed plan while nothing is recorded, then the latest model's proposals for the goal.")
    static final class Suggest implements Callable<Integer> {
        @Mixin
        CampaignDir campaign;

        @Option(names = "--n", required = true, paramLabel = "N", description = "Number of experiments.")
        int runs;

        @Option(names = "--goal", defaultValue = "explore", description = "explore, maximize:Y, minimize:Y or "
                + "target:Y=VALUE (default: ${DEFAULT-VALUE}).")
        String goal;

        @Option(names = "--method", defaultValue = "lhs", description = "Design of the first round: lhs, sobol, "
                + "factorial, extremes, dopt, or with a base model inflection or informative (default: "
                + "${DEFAULT-VALUE}; docs/design.md says why not informative).")
        String method;

        @Mixin
        CommonOptions common;

        /** The options record of the use case; --goal and --method are checked here. */
        CampaignSuggest.Options options() {
            return CampaignSuggest.Options.of(campaign.dir, runs, goal, method, common.seed);
        }

        @Override
        public Integer call() throws Exception {
            CampaignSuggest.Result r = CampaignSuggest.of(options()).run(CliListener.stderr(), Cancellation.none());
            System.out.println(r.summary());
            System.out.print(CsvWriter.toCsv(r.suggested().table()));
            r.notes().forEach(System.out::println);
            return 0;
        }
    }

    /** {@code campaign record}. */
    @Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false, description = "Record measured "
            + "results: every parameter of the space and every target, optionally a 'suggestion' id column.")
    static final class Record implements Callable<Integer> {
        @Mixin
        CampaignDir campaign;

        @Option(names = "--data", required = true, paramLabel = "CSV", description = "Results to add.")
        Path data;

        @Mixin
        CommonOptions common;

        /** The options record of the use case. */
        CampaignRecord.Options options() {
            return new CampaignRecord.Options(campaign.dir, data);
        }

        @Override
        public Integer call() throws Exception {
            CampaignRecord.of(options()).run(CliListener.stderr(), Cancellation.none()).summary()
                    .forEach(System.out::println);
            return 0;
        }
    }

    /** {@code campaign retrain}. */
    @Command(name = "retrain", mixinStandardHelpOptions = true, sortOptions = false, description = "Train a new model "
            + "version on every recorded result (fine-tuning the base model, or a Gaussian process without one), "
            + "with its cross-validated error and mean predicted uncertainty.")
    static final class Retrain implements Callable<Integer> {
        @Mixin
        CampaignDir campaign;

        @Option(names = "--repretrain", description = "First re-pre-train the base network on the source table plus "
                + "the recorded rows (iterative pre-training), then fine-tune.")
        boolean repretrain;

        @Option(names = "--strategy", description = "Fine-tuning: full, freeze, head, l2sp or auto (default: auto).")
        String strategy;

        @Option(names = "--epochs", description = "Fine-tuning epochs (default: 300).")
        Integer epochs;

        @Mixin
        CommonOptions common;

        /** The options record of the use case; --strategy is checked here. */
        CampaignRetrain.Options options() {
            return CampaignRetrain.Options.of(campaign.dir, repretrain, strategy, epochs, common.seed);
        }

        @Override
        public Integer call() throws Exception {
            CliListener listener = common.listener();
            CampaignRetrain.Result r = CampaignRetrain.of(options()).run(listener, Cancellation.none());
            listener.finish();
            r.summary().forEach(System.out::println);
            return 0;
        }
    }

    /** {@code campaign status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Rounds and model versions: rows, "
            + "cross-validated error and mean predicted uncertainty (also status.json and status.csv).")
    static final class Status implements Callable<Integer> {
        @Mixin
        CampaignDir campaign;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            CampaignStatus.of(new CampaignStatus.Options(campaign.dir)).run(CliListener.stderr(), Cancellation.none())
                    .summary().forEach(System.out::println);
            return 0;
        }
    }
}
