package io.transfab.cli;

import io.transfab.assess.AssessmentRun;
import io.transfab.bench.Peak;
import io.transfab.bench.PhaseBench;
import io.transfab.bench.PhaseTiming;
import io.transfab.bench.ReferencePipeline;
import io.transfab.assess.Method;
import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.model.Seeds;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.workflow.DemoResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Times the assessment protocol phase by phase, on simulated data, for comparison with other pipelines. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, subcommands = {BenchServeCommand.class, BenchScaleOutCommand.class},
        description = "Time the assess protocol (default: --sizes 10,20,40 --repeats 5 --methods gp,mlp,full on 2000 "
                + "simulated NMC source rows and a silicon-graphite target) phase by phase, JVM start included. "
                + "Writes the tables it used (source.csv, target.csv) and bench.json; bench/reference_pipeline.py "
                + "does the same work with PyTorch and scikit-learn on those tables.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--source-rows", defaultValue = "2000", description = "Source rows (default: ${DEFAULT-VALUE}).")
    int sourceRows;

    @Option(names = "--target-rows", defaultValue = "100", description = "Target pool (default: ${DEFAULT-VALUE}).")
    int targetRows;

    @Option(names = "--sizes", split = ",", defaultValue = "10,20,40", description = "Sizes (default: "
            + "${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--repeats", defaultValue = "5", description = "Repeats (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--methods", split = ",", defaultValue = "gp,mlp,full", description = "Methods (default: "
            + "${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--ensemble", defaultValue = "3", description = "Networks per ensemble (default: "
            + "${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--jobs", description = "Parallel splits (default: the number of processors).")
    Integer jobs;

    @Option(names = "--use-cases", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After the protocol, also time pretrain (5 members), explain (200 rows), suggest (4096 "
                    + "candidates) and finetune --strategy auto (20 rows), each against a baseline of the same run "
                    + "(default: on; --no-use-cases skips them).")
    boolean useCases;

    @Option(names = "--reference", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run bench/reference_pipeline.py on the same tables when python3 with torch and "
                    + "scikit-learn is installed, and report transfab / reference (default: on).")
    boolean reference;

    @Option(names = "--python", description = "Interpreter of the reference pipeline (default: $TRANSFAB_PYTHON, else "
            + "python3 on the PATH), e.g. /usr/bin/python3 where Debian's python3-torch is installed.")
    String python;

    @Option(names = "--out", defaultValue = "transfab-out/bench", description = "Output directory (default: "
            + "${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        OutputTarget destination = output.directory(out, OutputKind.BENCH);
        Map<String, Double> phases = new LinkedHashMap<>();
        long startedMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        phases.put("JVM start to command", (System.currentTimeMillis() - startedMs) / 1e3);
        long t = System.nanoTime();
        Table source = ElectrodeSimulator.of(Chemistry.NMC).simulate(sourceRows, Seeds.derive(common.seed, "source"));
        Table target = ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE).simulate(targetRows,
                Seeds.derive(common.seed, "target"));
        AtomicOutput.writeDirectory(destination, dir -> {
            CsvWriter.write(source, dir.resolve("source.csv"));
            CsvWriter.write(target, dir.resolve("target.csv"));
            phases.put("simulate and write tables", (System.nanoTime() - t) / 1e9);
            List<Method> ms = new ArrayList<>();
            for (String m : methods) {
                ms.add(Method.fromCliName(m));
            }
            AssessmentRun.Settings settings = new AssessmentRun.Settings(DemoResult.FEATURES, DemoResult.TARGETS,
                    List.of(), sizes, repeats, ms, "none", 5, 1, null, ensemble,
                    jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), common.seed);
            ProgressBar bar = common.progress();
            AssessmentRun.Outcome o = AssessmentRun.run(source, target, null, settings, dir.resolve("assess"), bar);
            bar.finishLine();
            for (String phase : List.of("pretrain", "splits", "statistics")) {
                phases.put(phase, o.phaseSeconds().getOrDefault(phase, 0.0));
            }
            // the reference pipeline stops here; what assess does beyond it is timed separately
            phases.put("subtotal: the reference pipeline's work", (System.currentTimeMillis() - startedMs) / 1e3
                    - o.phaseSeconds().getOrDefault("recommended model", 0.0)
                    - o.phaseSeconds().getOrDefault("importance rankings", 0.0)
                    - o.phaseSeconds().getOrDefault("report and outputs", 0.0));
            for (String phase : List.of("recommended model", "importance rankings", "report and outputs")) {
                phases.put("extra: " + phase, o.phaseSeconds().getOrDefault(phase, 0.0));
            }
            o.summary().seconds().forEach((k, v) -> phases.put("  of which training " + k + " (summed over splits)",
                    v));
            phases.put("total (JVM start included)", (System.currentTimeMillis() - startedMs) / 1e3);
            System.out.println("Phase timings (" + Runtime.getRuntime().availableProcessors() + " processors):");
            phases.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-48s %8.2f s%n", k, v));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("settings", settings);
            json.put("phaseSeconds", phases);
            json.putAll(ratios(dir, source, target, settings, phases.get("subtotal: the reference pipeline's work"),
                    bar));
            AtomicOutput.writeString(dir.resolve("bench.json"), Json.toString(json) + "\n");
        });
        OutputOptions.printReplaced(destination, System.out);
        return 0;
    }

    /** The use-case phases and the protocol, each against its baseline of this run; printed and returned for bench.json. */
    private Map<String, Object> ratios(Path dir, Table source, Table target, AssessmentRun.Settings settings,
            double protocolSeconds, ProgressBar bar) {
        Peak peak = Peak.detect();
        List<PhaseTiming> timings = new ArrayList<>();
        if (useCases) {
            timings.addAll(PhaseBench.run(source, target, DemoResult.FEATURES, DemoResult.TARGETS, common.seed, peak,
                    bar));
            bar.finishLine();
        }
        double protocolGflop = PhaseBench.protocolFlop(DemoResult.FEATURES.size(), DemoResult.TARGETS.size(),
                sourceRows, sizes, repeats, ensemble) / 1e9;
        timings.add(new PhaseTiming("assess protocol (the reference pipeline's work)", protocolSeconds, Double.NaN,
                protocolGflop,
                "physical limit (its networks' epochs at peak)", protocolGflop / peak.gflops()));
        Map<String, Object> json = new LinkedHashMap<>();
        String note = "not run (--no-reference)";
        if (reference) {
            ReferencePipeline.Outcome ref = ReferencePipeline.run(python != null ? python
                    : ReferencePipeline.defaultPython(), dir, sizes, repeats, ensemble);
            note = ref.note().isEmpty() ? "ran" : "not run: " + ref.note();
            json.put("referenceSeconds", ref.phaseSeconds());
            ref.seconds("total").ifPresent(total -> timings.add(new PhaseTiming(
                    "assess protocol, transfab / reference", protocolSeconds, Double.NaN, protocolGflop,
                    "bench/reference_pipeline.py on the same tables (PyTorch + scikit-learn)", total)));
        }
        System.out.println("Against baselines of this run (peak " + String.format(Locale.ROOT, "%.0f", peak.gflops())
                + " GFLOP/s: " + peak.how() + "):");
        System.out.printf(Locale.ROOT, "  %-62s %8s %8s %8s %8s %8s%n", "phase", "seconds", "cpu s", "GFLOP", "ratio",
                "of peak");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PhaseTiming t : timings) {
            System.out.printf(Locale.ROOT, "  %-62s %8.2f %8s %8s %8.1f %8s%n", t.phase(), t.seconds(),
                    Double.isNaN(t.cpuSeconds()) ? "-" : String.format(Locale.ROOT, "%.2f", t.cpuSeconds()),
                    Double.isNaN(t.gflop()) ? "-" : String.format(Locale.ROOT, "%.1f", t.gflop()), t.ratio(),
                    Double.isNaN(t.shareOf(peak)) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * t.shareOf(peak)));
            System.out.println("      baseline: " + t.baseline());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("phase", t.phase());
            row.put("seconds", t.seconds());
            row.put("cpuSeconds", Double.isNaN(t.cpuSeconds()) ? null : t.cpuSeconds());
            row.put("gflop", Double.isNaN(t.gflop()) ? null : t.gflop());
            row.put("baseline", t.baseline());
            row.put("baselineSeconds", t.baselineSeconds());
            row.put("ratio", t.ratio());
            rows.add(row);
        }
        System.out.println("  reference pipeline: " + note);
        json.put("peak", peak);
        json.put("ratios", rows);
        json.put("reference", note);
        return json;
    }
}
