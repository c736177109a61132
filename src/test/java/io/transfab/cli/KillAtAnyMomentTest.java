package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.CsvReader;
import io.transfab.data.Hashing;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.model.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KILL AT ANY MOMENT: runs the real CLI in a child JVM, kills it with SIGKILL at seeded random moments
 * within the measured duration of an uninterrupted run, and checks the promises of docs/reliability.md
 * after every kill: the previous output is intact or the new one complete (byte for byte against a complete
 * reference run), temporaries beside the output are gone after the next successful run to the same output,
 * a killed assess resumes to the bytes of an uninterrupted run, a campaign keeps every acknowledged
 * record exactly once, and a single-file --out (simulate electrode, predict) is the old or the new complete file. Excluded from the plain test run (tag {@code kill}); .ci/run runs it with
 * {@code -Dgroups=kill}. Prints one summary line with the kills survived and tried.
 */
@Tag("kill")
class KillAtAnyMomentTest {
    private static final long SEED = 20261202L;
    private static final int RECORD_KILLS = 8;
    private static final int RETRAIN_KILLS = 7;
    private static final int PRETRAIN_KILLS = 8;
    private static final int ASSESS_KILLS = 7;
    private static final int SIMULATE_KILLS = 6;
    private static final int PREDICT_KILLS = 6;
    /** Kill moments are drawn from [EARLIEST_KILL_MS, duration of the uninterrupted run). */
    private static final long EARLIEST_KILL_MS = 300;
    private static final Pattern RESUMED = Pattern.compile("Assessed \\d+ splits \\((\\d+) resumed");

    @TempDir
    Path tmp;

    /** One kill and what the checks after it found wrong (nothing: the kill was survived). */
    private static final class Trial {
        final String label;
        final List<String> problems = new ArrayList<>();
        /** Temporaries that appeared with this kill (checked after the next successful run). */
        final List<String> created = new ArrayList<>();

        Trial(String label) {
            this.label = label;
        }
    }

    /** The kills of one command and the runs that ended before their kill moment. */
    private static final class Scenario {
        final String name;
        final List<Trial> trials = new ArrayList<>();
        int endedBeforeKill;

        Scenario(String name) {
            this.name = name;
        }

        Trial kill(long atMillis) {
            Trial t = new Trial(name + " kill " + (trials.size() + 1) + " at " + atMillis + " ms");
            trials.add(t);
            return t;
        }

        long survived() {
            return trials.stream().filter(t -> t.problems.isEmpty()).count();
        }
    }

    private ChildCli cli;
    private Path source;
    private Path target;
    private Path space;
    private final Set<String> campaignRows = new HashSet<>();

    @Test
    void everyPromiseHoldsWhenTheCliIsKilledAtRandomMoments() throws Exception {
        // Given small jobs for four commands that write outputs, and a seeded stream of kill moments
        cli = ChildCli.of(tmp.resolve("logs"));
        writeData();
        List<String> setupProblems = new ArrayList<>();
        int[] resumedAfter = new int[1];
        // When each command is killed at random moments, then re-run where the promise says so
        List<Scenario> scenarios = List.of(
                record(new Random(SEED), setupProblems),
                retrain(new Random(SEED + 1), setupProblems),
                pretrain(new Random(SEED + 2), setupProblems),
                assess(new Random(SEED + 3), setupProblems, resumedAfter),
                simulate(new Random(SEED + 4), setupProblems),
                predict(new Random(SEED + 5), setupProblems));
        // Then every kill left the outputs whole and its leftovers were cleaned by the next successful run
        List<String> problems = new ArrayList<>(setupProblems);
        StringBuilder perCommand = new StringBuilder();
        long tried = 0;
        long survived = 0;
        int ended = 0;
        for (Scenario s : scenarios) {
            for (Trial t : s.trials) {
                t.problems.forEach(p -> problems.add(t.label + ": " + p));
            }
            tried += s.trials.size();
            survived += s.survived();
            ended += s.endedBeforeKill;
            perCommand.append(perCommand.length() == 0 ? "" : ", ").append(s.name).append(' ')
                    .append(s.survived()).append('/').append(s.trials.size());
        }
        problems.forEach(p -> System.out.println("KILL VIOLATION " + p));
        System.out.printf(Locale.ROOT, "KILL SUMMARY: survived %d / %d kills (%s); assess re-runs resumed from "
                + "OUT.partial after %d of %d kills; %d runs ended before their kill moment (not counted); "
                + "seed %d%n", survived, tried, perCommand, resumedAfter[0], scenarios.get(3).trials.size(), ended,
                SEED);
        assertThat(tried).as("kills tried").isGreaterThanOrEqualTo((RECORD_KILLS + RETRAIN_KILLS + PRETRAIN_KILLS
                + ASSESS_KILLS + SIMULATE_KILLS + PREDICT_KILLS) / 2);
        assertThat(problems).as("promise violations after kills").isEmpty();
    }

    // ---- campaign record ---------------------------------------------------------------------------------------

    /**
     * Records batches of two rows into one campaign; a record that exited 0 is acknowledged. After each kill the
     * results table holds every acknowledged row once and each killed batch whole or not at all; leftovers of
     * kills must be gone after the next record that exits 0.
     */
    private Scenario record(Random rng, List<String> setup) throws Exception {
        Scenario s = new Scenario("campaign record");
        Path dir = Files.createDirectories(tmp.resolve("record"));
        Path c = dir.resolve("campaign");
        Path init = rows(dir.resolve("init.csv"), 8, rng);
        expectSuccess(setup, "campaign init", cli.complete("campaign", "init", "--dir", c.toString(), "--space",
                space.toString(), "--targets", "y", "--data", init.toString()));
        Set<String> acknowledged = new HashSet<>(keys(init));
        List<Set<String>> killedBatches = new ArrayList<>();
        Path first = rows(dir.resolve("batch-0.csv"), 2, rng);
        ChildCli.Ending reference = cli.complete(recordArgs(c, first));
        if (!expectSuccess(setup, "reference campaign record", reference)) {
            return s;
        }
        acknowledged.addAll(keys(first));
        List<Trial> awaitingCleanup = new ArrayList<>();
        for (int attempt = 1; s.trials.size() < RECORD_KILLS && attempt <= 2 * RECORD_KILLS; attempt++) {
            Path batch = rows(dir.resolve("batch-" + attempt + ".csv"), 2, rng);
            long at = moment(rng, reference.millis());
            List<String> before = campaignTemporaries(c);
            ChildCli.Ending e = cli.killAt(at, recordArgs(c, batch));
            if (!e.killed()) {
                s.endedBeforeKill++;
                if (expectSuccess(setup, "campaign record of batch " + attempt, e)) {
                    acknowledged.addAll(keys(batch));
                    checkCampaignCleaned(c, awaitingCleanup);
                }
                continue;
            }
            Trial t = s.kill(at);
            t.created.addAll(campaignTemporaries(c));
            t.created.removeAll(before);
            killedBatches.add(keys(batch));
            t.problems.addAll(resultsProblems(c, acknowledged, killedBatches));
            awaitingCleanup.add(t);
        }
        Path last = rows(dir.resolve("batch-last.csv"), 2, rng);
        if (expectSuccess(setup, "campaign record after the kills", cli.complete(recordArgs(c, last)))) {
            acknowledged.addAll(keys(last));
            checkCampaignCleaned(c, awaitingCleanup);
            resultsProblems(c, acknowledged, killedBatches).forEach(p -> setup.add("after the last record: " + p));
        }
        return s;
    }

    private static String[] recordArgs(Path campaign, Path data) {
        return new String[] {"campaign", "record", "--dir", campaign.toString(), "--data", data.toString()};
    }

    /** Writes {@code n} new campaign rows (x1, x2 in the space, y; never a row written before). */
    private Path rows(Path file, int n, Random rng) throws IOException {
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        int written = 0;
        while (written < n) {
            String row = String.format(Locale.ROOT, "%.3f,%.3f,%.3f", 0.001 + 0.998 * rng.nextDouble(),
                    0.001 + 0.998 * rng.nextDouble(), 1 + rng.nextDouble());
            if (campaignRows.add(row)) {
                sb.append(row).append('\n');
                written++;
            }
        }
        return Files.writeString(file, sb.toString());
    }

    /** The identities (x1, x2, y) of a table's rows, as the campaign's results table gives them back. */
    private static List<String> keyList(Table t) {
        int x1 = t.indexOf("x1");
        int x2 = t.indexOf("x2");
        int y = t.indexOf("y");
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.add(String.format(Locale.ROOT, "%.3f,%.3f,%.3f", t.number(r, x1), t.number(r, x2), t.number(r, y)));
        }
        return out;
    }

    private static Set<String> keys(Path csv) {
        return new HashSet<>(keyList(CsvReader.read(csv)));
    }

    /** What is wrong with results.csv: a missing acknowledged row, a duplicate, a half batch, an unknown row. */
    private static List<String> resultsProblems(Path campaign, Set<String> acknowledged, List<Set<String>> killed) {
        List<String> problems = new ArrayList<>();
        Table t;
        try {
            t = CsvReader.read(campaign.resolve("results.csv"));
            Json.MAPPER.readTree(campaign.resolve("campaign.json").toFile());
        } catch (IOException | RuntimeException e) {
            problems.add("campaign files unreadable: " + e.getMessage());
            return problems;
        }
        List<String> rows = keyList(t);
        Set<String> present = new HashSet<>(rows);
        if (present.size() != rows.size()) {
            problems.add("results.csv holds duplicate rows (" + rows.size() + " rows, " + present.size()
                    + " distinct)");
        }
        int exp = t.indexOf("experiment");
        for (int r = 0; r < t.rowCount(); r++) {
            if (!t.cell(r, exp).equals(Integer.toString(r + 1))) {
                problems.add("results.csv row " + (r + 1) + " has experiment id '" + t.cell(r, exp) + "'");
            }
        }
        for (String a : acknowledged) {
            if (!present.contains(a)) {
                problems.add("acknowledged result " + a + " is missing from results.csv");
            }
        }
        Set<String> known = new HashSet<>(acknowledged);
        for (Set<String> batch : killed) {
            long in = batch.stream().filter(present::contains).count();
            if (in != 0 && in != batch.size()) {
                problems.add("a killed record is half in results.csv: " + in + " of " + batch.size() + " rows");
            }
            known.addAll(batch);
        }
        for (String r : present) {
            if (!known.contains(r)) {
                problems.add("results.csv holds a row nobody recorded: " + r);
            }
        }
        return problems;
    }

    /** After a successful run: the temporaries each kill since the last success left must be gone. */
    private static void checkCampaignCleaned(Path campaign, List<Trial> awaiting) throws IOException {
        List<String> present = campaignTemporaries(campaign);
        for (Trial t : awaiting) {
            List<String> left = new ArrayList<>(t.created);
            left.retainAll(present);
            if (!left.isEmpty()) {
                t.problems.add("temporaries left by this kill after the next successful run: " + left);
            }
        }
        awaiting.clear();
    }

    /** Hidden entries of the campaign directory and of its rounds/ and models/ (all written by transfab). */
    private static List<String> campaignTemporaries(Path campaign) throws IOException {
        List<String> out = new ArrayList<>();
        for (String d : List.of("", "rounds", "models")) {
            for (String n : hiddenEntries(campaign.resolve(d))) {
                out.add(d.isEmpty() ? n : d + "/" + n);
            }
        }
        return out;
    }

    // ---- campaign retrain --------------------------------------------------------------------------------------

    /**
     * Retrains a copy of the same campaign each time (12 results, Gaussian process). After a kill models/v1 is
     * absent or byte-identical to a complete reference run's, and the manifest is the old or the new one; the next
     * retrain succeeds, trains the same model, leaves no temporaries and the manifest lists the versions on disk.
     */
    private Scenario retrain(Random rng, List<String> setup) throws Exception {
        Scenario s = new Scenario("campaign retrain");
        Path dir = Files.createDirectories(tmp.resolve("retrain"));
        Path template = dir.resolve("template");
        Path data = rows(dir.resolve("results.csv"), 12, rng);
        if (!expectSuccess(setup, "campaign init for retrain", cli.complete("campaign", "init", "--dir",
                template.toString(), "--space", space.toString(), "--targets", "y", "--data", data.toString()))) {
            return s;
        }
        // every run uses the same campaign path: the model's provenance names the results file by its path
        Path w = dir.resolve("campaign");
        Path ref = copyTree(template, w);
        ChildCli.Ending reference = cli.complete(retrainArgs(ref));
        if (!expectSuccess(setup, "reference campaign retrain", reference)) {
            return s;
        }
        Path refV1 = ref.resolve("models").resolve("v1");
        setup.addAll(predictionProblems(refV1.resolve("model"), "reference campaign model"));
        SortedMap<String, String> version1 = snapshot(refV1);
        SortedMap<String, String> model1 = snapshot(refV1.resolve("model"));
        String oldManifest = Files.readString(template.resolve("campaign.json"));
        String newManifest = Files.readString(ref.resolve("campaign.json"));
        String results = Files.readString(template.resolve("results.csv"));
        SortedMap<String, String> referenceRun = snapshot(ref);
        Files.move(ref, dir.resolve("reference"));
        for (int attempt = 1; s.trials.size() < RETRAIN_KILLS && attempt <= 2 * RETRAIN_KILLS; attempt++) {
            deleteTree(w);
            copyTree(template, w);
            long at = moment(rng, reference.millis());
            ChildCli.Ending e = cli.killAt(at, retrainArgs(w));
            if (!e.killed()) {
                s.endedBeforeKill++;
                expectSuccess(setup, "campaign retrain " + attempt, e);
                continue;
            }
            Trial t = s.kill(at);
            Path models = w.resolve("models");
            // the kill: results untouched, v1 absent or complete, the manifest old or new
            if (!Files.readString(w.resolve("results.csv")).equals(results)) {
                t.problems.add("results.csv changed");
            }
            List<String> versions = visibleEntries(models);
            if (!versions.isEmpty() && !(versions.equals(List.of("v1")) && snapshot(models.resolve("v1"))
                    .equals(version1))) {
                t.problems.add("models/ after the kill is neither empty nor the complete v1: " + versions + " "
                        + (versions.contains("v1") ? snapshot(models.resolve("v1")).keySet() : ""));
            }
            String manifest = readOrEmpty(w.resolve("campaign.json"));
            if (!manifest.equals(oldManifest) && !manifest.equals(newManifest)) {
                t.problems.add("campaign.json after the kill is neither the old nor the new one: " + manifest);
            }
            // the next retrain: succeeds, trains the same model, cleans the leftovers, manifest matches the files
            ChildCli.Ending again = cli.complete(retrainArgs(w));
            if (again.exitCode() != 0 || again.killed()) {
                t.problems.add("the next retrain exited " + again.exitCode() + ": " + lastLine(again.output()));
                continue;
            }
            versions = visibleEntries(models);
            if (versions.equals(List.of("v1")) && !snapshot(w).equals(referenceRun)) {
                t.problems.add("the campaign after the next retrain differs from the reference run's");
            }
            if (!snapshot(models.resolve("v1")).equals(version1)) {
                t.problems.add("models/v1 differs from the reference run's after the next retrain");
            }
            if (versions.contains("v2") && !snapshot(models.resolve("v2").resolve("model")).equals(model1)) {
                t.problems.add("models/v2/model differs from the reference run's model");
            }
            if (!versions.equals(List.of("v1")) && !versions.equals(List.of("v1", "v2"))) {
                t.problems.add("models/ after the next retrain holds " + versions);
            }
            List<Integer> listed = new ArrayList<>();
            Json.MAPPER.readTree(w.resolve("campaign.json").toFile()).at("/history/versions")
                    .forEach(v -> listed.add(v.asInt()));
            if (listed.size() != versions.size()) {
                t.problems.add("campaign.json lists versions " + listed + " but models/ holds " + versions);
            }
            List<String> left = new ArrayList<>(hiddenEntries(w));
            left.addAll(hiddenEntries(models));
            if (!left.isEmpty()) {
                t.problems.add("temporaries left after the next successful run: " + left);
            }
        }
        return s;
    }

    private static String[] retrainArgs(Path campaign) {
        return new String[] {"campaign", "retrain", "--dir", campaign.toString(), "--quiet"};
    }

    // ---- pretrain --out ------------------------------------------------------------------------------------------

    /**
     * Pre-trains into the same --out, alternating two seeds so that the old and the new output differ. After a kill
     * the directory is byte-identical to the old or to the new complete output; the next (uninterrupted) run to the
     * same --out writes the new output and leaves no sibling named {@code .<out>...}.
     */
    private Scenario pretrain(Random rng, List<String> setup) throws Exception {
        Scenario s = new Scenario("pretrain --out");
        Path dir = Files.createDirectories(tmp.resolve("pretrain"));
        Path out = dir.resolve("model");
        Path other = Files.createDirectories(tmp.resolve("pretrain-reference")).resolve("model");
        ChildCli.Ending a = cli.complete(pretrainArgs(out, 1));
        ChildCli.Ending b = cli.complete(pretrainArgs(other, 2));
        if (!expectSuccess(setup, "reference pretrain seed 1", a) || !expectSuccess(setup, "reference pretrain "
                + "seed 2", b)) {
            return s;
        }
        setup.addAll(predictionProblems(out, "reference pretrain seed 1"));
        setup.addAll(predictionProblems(other, "reference pretrain seed 2"));
        Map<Long, SortedMap<String, String>> bySeed = new LinkedHashMap<>();
        bySeed.put(1L, snapshot(out));
        bySeed.put(2L, snapshot(other));
        if (bySeed.get(1L).equals(bySeed.get(2L))) {
            setup.add("pretrain with seeds 1 and 2 wrote identical outputs; old and new cannot be told apart");
        }
        long duration = Math.max(a.millis(), b.millis());
        long current = 1;
        for (int attempt = 1; s.trials.size() < PRETRAIN_KILLS && attempt <= 2 * PRETRAIN_KILLS; attempt++) {
            long next = 3 - current;
            long at = moment(rng, duration);
            List<String> before = temporaries(out);
            ChildCli.Ending e = cli.killAt(at, pretrainArgs(out, next));
            if (!e.killed()) {
                s.endedBeforeKill++;
                if (expectSuccess(setup, "pretrain " + attempt, e) && !snapshot(out).equals(bySeed.get(next))) {
                    setup.add("pretrain " + attempt + " exited 0 but its output differs from the reference");
                }
                current = next;
                continue;
            }
            Trial t = s.kill(at);
            List<String> created = new ArrayList<>(temporaries(out));
            created.removeAll(before);
            SortedMap<String, String> after = snapshot(out);
            if (!after.equals(bySeed.get(current)) && !after.equals(bySeed.get(next))) {
                t.problems.add((Files.exists(out) ? "--out is a mix of old and new: " + after.keySet()
                        : "--out is gone") + "; beside it: " + temporaries(out));
            }
            ChildCli.Ending again = cli.complete(pretrainArgs(out, next));
            if (again.exitCode() != 0 || again.killed()) {
                t.problems.add("the next pretrain exited " + again.exitCode() + ": " + lastLine(again.output()));
                continue;
            }
            if (!snapshot(out).equals(bySeed.get(next))) {
                t.problems.add("the next pretrain's output differs from the reference run's");
            }
            List<String> left = new ArrayList<>(temporaries(out));
            left.retainAll(created);
            if (!left.isEmpty()) {
                t.problems.add("temporaries left by this kill after the next successful run: " + left);
            }
            current = next;
        }
        return s;
    }

    private String[] pretrainArgs(Path out, long seed) {
        return new String[] {"pretrain", "--data", source.toString(), "--features", "x1,x2", "--targets", "y", "--out", out.toString(),
            "--ensemble", "2", "--epochs", "30", "--quiet", "--seed", Long.toString(seed)};
    }

    // ---- assess --------------------------------------------------------------------------------------------------

    /**
     * Assesses into a fresh --out each time. After a kill --out is absent or complete; the re-run with the same
     * seed resumes from OUT.partial/ and writes predictions.csv and metrics.json (timing fields aside) with the
     * bytes of an uninterrupted run, and leaves neither OUT.partial nor a sibling named {@code .<out>...}.
     */
    private Scenario assess(Random rng, List<String> setup, int[] resumedAfter) throws Exception {
        Scenario s = new Scenario("assess");
        Path dir = Files.createDirectories(tmp.resolve("assess"));
        Path refOut = Files.createDirectories(dir.resolve("reference")).resolve("out");
        ChildCli.Ending reference = cli.complete(assessArgs(refOut));
        if (!expectSuccess(setup, "reference assess", reference)) {
            return s;
        }
        String predictions = Files.readString(refOut.resolve("predictions.csv"));
        String metrics = metricsWithoutTiming(refOut);
        for (int attempt = 1; s.trials.size() < ASSESS_KILLS && attempt <= 2 * ASSESS_KILLS; attempt++) {
            Path out = Files.createDirectories(dir.resolve("run-" + attempt)).resolve("out");
            long at = moment(rng, reference.millis());
            ChildCli.Ending e = cli.killAt(at, assessArgs(out));
            if (!e.killed()) {
                s.endedBeforeKill++;
                expectSuccess(setup, "assess " + attempt, e);
                continue;
            }
            Trial t = s.kill(at);
            if (Files.exists(out) && !(readOrEmpty(out.resolve("predictions.csv")).equals(predictions)
                    && metricsWithoutTiming(out).equals(metrics))) {
                t.problems.add("--out after the kill is incomplete or differs from the reference: "
                        + snapshot(out).keySet());
            }
            ChildCli.Ending again = cli.complete(assessArgs(out));
            if (again.exitCode() != 0 || again.killed()) {
                t.problems.add("the re-run exited " + again.exitCode() + ": " + lastLine(again.output()));
                continue;
            }
            Matcher m = RESUMED.matcher(again.output());
            if (m.find() && Integer.parseInt(m.group(1)) > 0) {
                resumedAfter[0]++;
            }
            if (!readOrEmpty(out.resolve("predictions.csv")).equals(predictions)) {
                t.problems.add("predictions.csv of the resumed run differs from the uninterrupted run's");
            }
            if (!metricsWithoutTiming(out).equals(metrics)) {
                t.problems.add("metrics.json (timing aside) of the resumed run differs from the uninterrupted run's");
            }
            Path partial = out.resolveSibling(out.getFileName() + ".partial");
            if (Files.exists(partial)) {
                t.problems.add(partial.getFileName() + " is left after the successful re-run");
            }
            List<String> left = temporaries(out);
            if (!left.isEmpty()) {
                t.problems.add("temporaries left after the next successful run: " + left);
            }
        }
        return s;
    }

    private String[] assessArgs(Path out) {
        return new String[] {"assess", "--source", source.toString(), "--target", target.toString(), "--features", "x1,x2", "--targets", "y",
            "--sizes", "5,10", "--repeats", "2", "--methods", "ridge,full", "--folds", "3", "--ensemble", "1",
            "--jobs", "1", "--out", out.toString(), "--quiet", "--seed", "3"};
    }

    /** metrics.json without its timing field (trainingSeconds), as text; empty when it cannot be read. */
    private static String metricsWithoutTiming(Path out) {
        try {
            JsonNode root = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
            ((ObjectNode) root).remove("trainingSeconds");
            return Json.MAPPER.writeValueAsString(root);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    // ---- single-file outputs: simulate electrode --out, predict --out ----------------------------------------------

    /**
     * Simulates into the same --out CSV, alternating seeds 1 and 2 so that the old and the new file differ (see
     * {@link #singleFile}).
     */
    private Scenario simulate(Random rng, List<String> setup) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("simulate"));
        return singleFile("simulate electrode --out", dir.resolve("f.csv"), SIMULATE_KILLS, rng, setup,
                (out, variant) -> new String[] {"simulate", "electrode", "--rows", "20000", "--out", out.toString(),
                    "--seed", Long.toString(variant)});
    }

    /**
     * Predicts the source table into the same --out CSV with a Gaussian process, alternating --level 0.8 and 0.9 so
     * that the old and the new file differ (see {@link #singleFile}).
     */
    private Scenario predict(Random rng, List<String> setup) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("predict"));
        Path model = dir.resolve("model");
        if (!expectSuccess(setup, "train for predict", cli.complete("train", "--data", source.toString(),
                "--features", "x1,x2", "--targets", "y", "--model", "gp", "--out", model.toString(), "--quiet"))) {
            return new Scenario("predict --out");
        }
        return singleFile("predict --out", dir.resolve("p.csv"), PREDICT_KILLS, rng, setup,
                (out, variant) -> new String[] {"predict", "--model", model.toString(), "--data", source.toString(),
                    "--out", out.toString(), "--level", variant == 1 ? "0.8" : "0.9"});
    }

    /** The command line of a single-file job writing {@code out}, in variant 1 or 2 (two different contents). */
    @FunctionalInterface
    private interface FileJob {
        String[] args(Path out, long variant);
    }

    /**
     * Writes the same single-file --out again and again, alternating two variants. After each kill the file is
     * byte-identical to the old or to the new complete output (never a partial one); the next run to the same --out,
     * without --force, succeeds (the file is still recognised as transfab's), writes the new output, and leaves no
     * hidden entry beside it but its marker {@code .<name>.transfab}.
     */
    private Scenario singleFile(String name, Path out, int kills, Random rng, List<String> setup, FileJob job)
            throws Exception {
        Scenario s = new Scenario(name);
        Path other = Files.createDirectories(out.resolveSibling("reference")).resolve(out.getFileName());
        ChildCli.Ending a = cli.complete(job.args(out, 1));
        ChildCli.Ending b = cli.complete(job.args(other, 2));
        if (!expectSuccess(setup, "reference " + name + " 1", a) || !expectSuccess(setup, "reference " + name
                + " 2", b)) {
            return s;
        }
        Map<Long, String> byVariant = new LinkedHashMap<>();
        byVariant.put(1L, Hashing.sha256(Files.readAllBytes(out)));
        byVariant.put(2L, Hashing.sha256(Files.readAllBytes(other)));
        if (byVariant.get(1L).equals(byVariant.get(2L))) {
            setup.add(name + ": variants 1 and 2 wrote identical files; old and new cannot be told apart");
        }
        String marker = "." + out.getFileName() + ".transfab";
        long duration = Math.max(a.millis(), b.millis());
        long current = 1;
        for (int attempt = 1; s.trials.size() < kills && attempt <= 2 * kills; attempt++) {
            long next = 3 - current;
            long at = moment(rng, duration);
            ChildCli.Ending e = cli.killAt(at, job.args(out, next));
            if (!e.killed()) {
                s.endedBeforeKill++;
                if (expectSuccess(setup, name + " " + attempt, e) && !fileHash(out).equals(byVariant.get(next))) {
                    setup.add(name + " " + attempt + " exited 0 but its output differs from the reference");
                }
                current = next;
                continue;
            }
            Trial t = s.kill(at);
            String after = fileHash(out);
            if (!after.equals(byVariant.get(current)) && !after.equals(byVariant.get(next))) {
                t.problems.add((Files.exists(out) ? "--out is neither the old nor the new complete file ("
                        + Files.size(out) + " bytes)" : "--out is gone") + "; beside it: "
                        + hiddenEntries(out.getParent()));
            }
            ChildCli.Ending again = cli.complete(job.args(out, next));
            if (again.exitCode() != 0 || again.killed()) {
                t.problems.add("the next run exited " + again.exitCode() + ": " + lastLine(again.output()));
                continue;
            }
            if (!fileHash(out).equals(byVariant.get(next))) {
                t.problems.add("the next run's output differs from the reference run's");
            }
            List<String> left = new ArrayList<>(hiddenEntries(out.getParent()));
            left.remove(marker);
            if (!left.isEmpty()) {
                t.problems.add("hidden entries beside --out after the next successful run: " + left);
            }
            current = next;
        }
        return s;
    }

    /** SHA-256 of a file, "" when it is missing. */
    private static String fileHash(Path file) throws IOException {
        return Files.isRegularFile(file) ? Hashing.sha256(Files.readAllBytes(file)) : "";
    }

    // ---- shared ----------------------------------------------------------------------------------------------

    /** A source table of 60 rows and a shifted target table of 16 rows: y = f(x1, x2) + noise. */
    private void writeData() throws IOException {
        Random r = new Random(SEED);
        StringBuilder src = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 60; i++) {
            double a = r.nextDouble();
            double b = r.nextDouble();
            src.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", a, b, Math.sin(3 * a) + b * b
                    + 0.05 * r.nextGaussian()));
        }
        StringBuilder tgt = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 16; i++) {
            double a = r.nextDouble();
            double b = r.nextDouble();
            tgt.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", a, b, Math.sin(3 * a) + 1.2 * b * b + 0.3
                    + 0.05 * r.nextGaussian()));
        }
        source = Files.writeString(tmp.resolve("source.csv"), src.toString());
        target = Files.writeString(tmp.resolve("target.csv"), tgt.toString());
        space = Files.writeString(tmp.resolve("space.yaml"), """
                parameters:
                  - {name: x1, type: continuous, min: 0, max: 1}
                  - {name: x2, type: continuous, min: 0, max: 1}
                """);
    }

    /** A kill moment in [EARLIEST_KILL_MS, duration of the uninterrupted run). */
    private static long moment(Random rng, long durationMillis) {
        long span = Math.max(1, durationMillis - EARLIEST_KILL_MS);
        return EARLIEST_KILL_MS + (long) (rng.nextDouble() * span);
    }

    private static boolean expectSuccess(List<String> problems, String what, ChildCli.Ending e) {
        if (e.killed() || e.exitCode() != 0) {
            problems.add(what + " exited " + e.exitCode() + (e.killed() ? " (timed out)" : "") + ": "
                    + lastLine(e.output()));
            return false;
        }
        return true;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** Loads a saved model and predicts the source table: every mean finite. */
    private List<String> predictionProblems(Path modelDir, String what) {
        try {
            double[][] mean = TrainedModel.load(modelDir).predict(CsvReader.read(source)).mean();
            boolean finite = Arrays.stream(mean).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite);
            return finite && mean.length == 60 ? List.of() : List.of(what + " predicts non-finite values");
        } catch (RuntimeException e) {
            return List.of(what + " does not load and predict: " + e.getMessage());
        }
    }

    /** Relative path -> SHA-256 of every file under {@code dir}; empty when it does not exist. */
    private static SortedMap<String, String> snapshot(Path dir) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Hashing.sha256(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    /**
     * Temporaries of an output: hidden siblings named {@code .<name>} followed by anything, which covers today's
     * {@code .<name>.tmp<digits>}, {@code .<name>.old<digits>}, {@code .<name><digits>.tmp} and the coming
     * {@code .<name>.tmp-<pid>-<random>}, {@code .<name>.old-<pid>-<random>}.
     */
    private static List<String> temporaries(Path out) throws IOException {
        String prefix = "." + out.getFileName();
        return hiddenEntries(out.toAbsolutePath().getParent()).stream().filter(n -> n.startsWith(prefix)).toList();
    }

    private static List<String> hiddenEntries(Path dir) throws IOException {
        return entries(dir).stream().filter(n -> n.startsWith(".")).toList();
    }

    private static List<String> visibleEntries(Path dir) throws IOException {
        return entries(dir).stream().filter(n -> !n.startsWith(".")).toList();
    }

    private static List<String> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String readOrEmpty(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        return to;
    }
}
