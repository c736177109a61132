package io.transfab.cli;

import io.transfab.accuracy.AccuracyRun;
import io.transfab.accuracy.AccuracyStudy;
import io.transfab.accuracy.AccuracyTasks;
import io.transfab.accuracy.Contender;
import io.transfab.accuracy.TableFolder;
import io.transfab.data.AtomicOutput;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code study accuracy}: transfab's default against the plain GP and plain fine-tune on the same splits (docs/accuracy.md). */
@Command(name = "accuracy", mixinStandardHelpOptions = true, sortOptions = false, description = "Test R2 of "
        + "transfab's default against a plain GP and a plain fine-tune on the same seeded splits of the public real "
        + "tables and corrupted simulations: medians and interquartile ranges (see docs/accuracy.md).")
final class StudyAccuracyCommand implements Callable<Integer> {
    @Option(names = "--tasks", split = ",", defaultValue = "concrete-age,concrete-superplasticizer,wmg-conditions,"
            + "wmg-halfcells,electrode-corrupted,gdl-corrupted,electrode-clean", description = "Tasks (default: "
            + "${DEFAULT-VALUE}).")
    List<String> tasks;

    @Option(names = "--sizes", split = ",", defaultValue = "10,20,40", paramLabel = "N", description = "Target rows "
            + "per draw; grouped-CV tasks ignore it (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--splits", defaultValue = "3", paramLabel = "K", description = "Draws per size, or repetitions "
            + "of the grouped CV (default: ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--contenders", split = ",", defaultValue = "default,plain-gp,plain-finetune", description =
            "Compared: default, plain-gp, plain-finetune, assess-rule, an assess method (gp, l2sp, transfer-gp, "
                    + "auto, ...), gp-iso, gp-evidence, gp-bic, auto-before, full-slow, or a one-component variant of auto "
                    + "(auto-iso, auto-iso-candidate, auto-gentle, auto-iso-gentle, auto-huber, auto-floor, auto-log, "
                    + "auto-rank, auto-grid, auto-evidence, auto-bic) "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> contenders;

    @Option(names = "--ensemble", defaultValue = "3", description = "Members of transfab's pre-trained ensemble "
            + "(default: ${DEFAULT-VALUE}, as assess).")
    int ensemble;

    @Option(names = "--tables", paramLabel = "DIR", description = "Folder of the public tables and their roles "
            + "files (default: examples/ in the working directory, else the installation's examples/).")
    Path tables;

    @Option(names = "--label", defaultValue = "main", description = "Label of the table's markers in accuracy.md, "
            + "as the docs and the study tests find it (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(names = "--out", defaultValue = "transfab-out/study-accuracy", paramLabel = "DIR", description = "Output "
            + "directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        List<String> names = tasks.stream().map(String::strip).toList();
        Path folder = TableFolder.resolve(tables, names, Path.of(""), TableFolder.installation());
        AccuracyRun.Settings s = new AccuracyRun.Settings(names, sizes, folder,
                new AccuracyStudy.Options(contenders.stream().map(c -> Contender.fromCliName(c.strip())).toList(),
                        splits, ensemble, common.seed), label);
        OutputTarget target = output.directory(out, OutputKind.STUDY, folder);
        ProgressBar bar = common.progress();
        var results = AccuracyRun.run(s, bar);
        bar.finishLine();
        AtomicOutput.writeDirectory(target, dir -> AccuracyRun.write(dir, s, results));
        OutputOptions.printReplaced(target, System.out);
        System.out.print(AccuracyRun.markdown(s, results));
        System.out.println("-> " + out.resolve(AccuracyRun.TABLE) + ", " + AccuracyRun.SPLITS + ", "
                + AccuracyRun.RESULTS + " (" + AccuracyTasks.NAMES.size() + " tasks known)");
        return 0;
    }
}
