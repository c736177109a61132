package io.transfab.cli;

import io.transfab.campaign.Campaign;
import io.transfab.campaign.ModelVersion;
import io.transfab.campaign.RetrainOptions;
import io.transfab.campaign.SuggestRequest;
import io.transfab.campaign.TargetScore;
import io.transfab.data.CsvReader;
import io.transfab.data.CsvWriter;
import io.transfab.design.DesignMethod;
import io.transfab.design.SuggestGoal;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import io.transfab.workflow.SavedModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

        Campaign open() throws IOException {
            return Campaign.open(dir);
        }
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

        @Override
        public Integer call() throws Exception {
            if (base != null) {
                SavedModels.tabular(base, CliListener.stderr()); // for its load warnings; Campaign.init loads and copies it
            }
            Campaign c = Campaign.init(dir, new Campaign.Setup(space, targets, base, data, source, common.seed));
            System.out.printf(Locale.ROOT, "Campaign %s: %d parameters, targets %s, %s, %d results recorded%n", dir,
                    c.space().dimension(), String.join(", ", c.targets()), c.store().manifest().hasBase()
                            ? "fine-tuning the base model" : "Gaussian process from scratch",
                    c.store().manifest().history().results());
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

        @Override
        public Integer call() throws Exception {
            SuggestRequest request = new SuggestRequest(SuggestGoal.parse(goal), runs, DesignMethod.fromCliName(method),
                    common.seed);
            Campaign c = campaign.open();
            Campaign.Suggested s = c.suggest(request);
            System.out.printf(Locale.ROOT, "Round %d (%s, goal %s): %d suggestions -> %s%n", s.round().round(),
                    s.round().origin(), s.round().goal(), s.round().suggestions(),
                    campaign.dir.resolve("rounds").resolve(s.round().name()).resolve("suggestions.csv"));
            System.out.print(CsvWriter.toCsv(s.table()));
            s.notes().forEach(n -> System.out.println("Note: " + n));
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

        @Override
        public Integer call() throws Exception {
            Campaign c = campaign.open();
            Campaign.Recorded r = c.record(CsvReader.read(data));
            System.out.printf(Locale.ROOT, "Recorded %d results (%d linked to suggestions); %d in %s%n", r.added(),
                    r.linked(), r.total(), campaign.dir.resolve("results.csv"));
            if (!r.ignoredColumns().isEmpty()) {
                System.out.println("Note: columns not kept: " + String.join(", ", r.ignoredColumns()));
            }
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

        @Override
        public Integer call() throws Exception {
            FineTuneOptions d = FineTuneOptions.defaults();
            FineTuneOptions ft = new FineTuneOptions(strategy != null ? FineTuneStrategy.fromCliName(strategy)
                    : d.strategy(), d.normalization(), d.frozenLayers(), d.l2spAlpha(), d.learningRate(),
                    epochs != null ? epochs : d.epochs(), d.ensemble(), d.innerFolds());
            Campaign c = campaign.open();
            ProgressBar bar = common.progress();
            Campaign.Retrained r = c.retrain(new RetrainOptions(ft, repretrain, common.seed), bar);
            bar.finishLine();
            ModelVersion v = r.version();
            System.out.printf(Locale.ROOT, "Model %s: %s on %d recorded rows%s -> %s%n", v.name(), v.method(), v.rows(),
                    v.repretrained() ? " (re-pre-trained)" : "", campaign.dir.resolve("models").resolve(v.name()));
            for (TargetScore s : v.scores()) {
                System.out.printf(Locale.ROOT, "  %-26s CV RMSE %s  CV R2 %s  mean predicted std %s%n", s.target(),
                        fmt(s.cvRmse()), fmt(s.cvR2()), fmt(s.meanStd()));
            }
            if (!v.note().isEmpty()) {
                System.out.println("Note: " + v.note());
            }
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
            Campaign c = campaign.open();
            if (c.store().reconciled()) {
                System.out.println("Note: campaign.json was behind the files (an interrupted write) and was updated");
            }
            Campaign.Status s = c.status();
            System.out.printf(Locale.ROOT, "Campaign %s: %d results, %d rounds, %d model versions%n", campaign.dir,
                    s.results(), s.rounds().size(), s.versions().size());
            System.out.println("round  origin       goal                      suggested  recorded");
            for (Campaign.RoundStatus r : s.rounds()) {
                System.out.printf(Locale.ROOT, "%5d  %-11s  %-24s  %9d  %8d%n", r.round(), r.origin(), r.goal(),
                        r.suggestions(), r.recorded());
            }
            StringBuilder head = new StringBuilder("version  rows  method           ");
            for (String t : s.targets()) {
                head.append(String.format(Locale.ROOT, "  %s: CV RMSE / CV R2 / mean std", t));
            }
            System.out.println(head);
            for (ModelVersion v : s.versions()) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7s  %4d  %-16s", v.name()
                        + (v.note().isEmpty() ? "" : "*"), v.rows(), v.method()));
                for (TargetScore sc : v.scores()) {
                    line.append(String.format(Locale.ROOT, "  %s / %s / %s", fmt(sc.cvRmse()), fmt(sc.cvR2()),
                            fmt(sc.meanStd())));
                }
                System.out.println(line);
            }
            if (s.versions().stream().anyMatch(v -> !v.note().isEmpty())) {
                System.out.println("* see the note in models/vN/version.json");
            }
            System.out.println("-> " + campaign.dir.resolve("status.json") + ", " + campaign.dir.resolve("status.csv"));
            return 0;
        }
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }
}
