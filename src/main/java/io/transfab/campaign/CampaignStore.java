package io.transfab.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvReader;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.design.ParameterSpace;
import io.transfab.model.Json;
import io.transfab.model.TrainedModel;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a campaign directory. Every write is one atomic rename (a file through
 * {@link AtomicOutput#writeString}, a round or model version as a whole directory through
 * {@link AtomicOutput#writeDirectory}), so a kill leaves each file either old or new. The facts live in
 * results.csv, rounds/round-K/ and models/vN/, and each operation writes its fact first and the manifest
 * last; the manifest's history is a cache that {@link #open} rebuilds from the files when a kill came
 * between the two writes.
 * <pre>
 * campaign.json  space.yaml  results.csv  base/ (optional copy of the base model)
 * rounds/round-K/{suggestions.csv, round.json}
 * models/vN/{model/, pretrained/ (after --repretrain), version.json}
 * status.json  status.csv
 * </pre>
 */
public final class CampaignStore {
    /** Called after every completed write; tests throw from it to simulate a kill between writes. */
    @FunctionalInterface
    public interface WriteHook {
        /** No-op. */
        WriteHook NONE = p -> { };

        void written(Path path) throws IOException;
    }

    static final String MANIFEST = "campaign.json";
    static final String SPACE = "space.yaml";
    static final String RESULTS = "results.csv";
    static final String BASE = "base";
    private static final Pattern ROUND = Pattern.compile("round-([1-9][0-9]*)");
    private static final Pattern VERSION = Pattern.compile("v([1-9][0-9]*)");

    private final Path dir;
    private final WriteHook hook;
    private Manifest manifest;
    private final ParameterSpace space;
    private final boolean reconciled;

    private CampaignStore(Path dir, WriteHook hook, Manifest manifest, ParameterSpace space, boolean reconciled) {
        this.dir = dir;
        this.hook = hook;
        this.manifest = manifest;
        this.space = space;
        this.reconciled = reconciled;
    }

    /**
     * Creates the campaign directory in one atomic move: space copy, manifest, the optional base model copy
     * and the optional initial results. Refuses a directory that already holds files.
     */
    static void create(Path dir, Manifest manifest, String spaceYaml, TrainedModel base, Table results)
            throws IOException {
        if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
            throw DataException.of(dir.toString(), Files.exists(dir.resolve(MANIFEST))
                    ? "is already a campaign; use campaign suggest/record/retrain/status on it"
                    : "exists and is not empty; choose a new directory for the campaign");
        }
        AtomicOutput.writeDirectory(OutputTarget.of(dir, OutputKind.CAMPAIGN_ENTRY), tmp -> {
            Files.writeString(tmp.resolve(SPACE), spaceYaml);
            if (base != null) {
                base.save(tmp.resolve(BASE));
            }
            if (results != null) {
                Files.writeString(tmp.resolve(RESULTS), CsvWriter.toCsv(results));
            }
            Files.writeString(tmp.resolve(MANIFEST), json(manifest));
        });
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /** Opens a campaign (see {@link #open(Path, WriteHook)}). */
    public static CampaignStore open(Path dir) throws IOException {
        return open(dir, WriteHook.NONE);
    }

    /**
     * Opens a campaign, removes temporary files left by an interrupted write and brings the manifest's history
     * up to date with the files ({@link #reconciled()} tells whether it had to).
     */
    public static CampaignStore open(Path dir, WriteHook hook) throws IOException {
        Path file = dir.resolve(MANIFEST);
        Manifest m;
        try {
            m = Json.MAPPER.readValue(Files.readString(file), Manifest.class);
        } catch (NoSuchFileException e) {
            throw DataException.of(dir.toString(), "is not a campaign (no " + MANIFEST + "); create one with "
                    + "'transfab campaign init'");
        } catch (JsonProcessingException e) {
            throw DataException.of(file.toString(), "is damaged (" + e.getOriginalMessage() + ")");
        }
        if (!Manifest.FORMAT.equals(m.format()) || m.formatVersion() < 1 || m.formatVersion() > Manifest.VERSION) {
            throw DataException.of(file.toString(), "is not a campaign manifest this transfab reads (format "
                    + m.format() + " version " + m.formatVersion() + ")");
        }
        removeLeftovers(dir);
        removeLeftovers(dir.resolve("rounds"));
        removeLeftovers(dir.resolve("models"));
        ParameterSpace space = ParameterSpace.read(dir.resolve(SPACE));
        CampaignStore store = new CampaignStore(dir, hook, m, space, false);
        Manifest.History actual = store.scanHistory();
        if (actual.equals(m.history())) {
            return store;
        }
        CampaignStore fixed = new CampaignStore(dir, hook, m, space, true);
        fixed.writeManifest(m.withHistory(actual));
        return fixed;
    }

    /**
     * The temporaries an interrupted write left in {@code d}: {@link AtomicOutput#cleanStaleIn} removes those of
     * dead processes (and moves back a lone {@code .old}), and keeps those of a writer that is still running.
     */
    private static void removeLeftovers(Path d) throws IOException {
        AtomicOutput.cleanStaleIn(d);
    }

    public Path dir() {
        return dir;
    }

    public Manifest manifest() {
        return manifest;
    }

    public ParameterSpace space() {
        return space;
    }

    public Path spaceFile() {
        return dir.resolve(SPACE);
    }

    /** Whether {@link #open} found the manifest behind the files and rewrote it. */
    public boolean reconciled() {
        return reconciled;
    }

    /** The history as the files show it. */
    Manifest.History scanHistory() throws IOException {
        return new Manifest.History(results().map(Table::rowCount).orElse(0), numbers(dir.resolve("rounds"), ROUND),
                numbers(dir.resolve("models"), VERSION));
    }

    private static List<Integer> numbers(Path d, Pattern p) throws IOException {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            for (Path e : s) {
                Matcher m = p.matcher(e.getFileName().toString());
                if (m.matches() && Files.isDirectory(e)) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The recorded results, empty before the first record. */
    public Optional<Table> results() {
        Path f = dir.resolve(RESULTS);
        return Files.exists(f) ? Optional.of(CsvReader.read(f)) : Optional.empty();
    }

    /** The copied base model, when the campaign has one. */
    public Optional<TrainedModel> base() {
        return manifest.hasBase() ? Optional.of(TrainedModel.load(dir.resolve(manifest.base())))
                : Optional.empty();
    }

    public List<Round> rounds() throws IOException {
        List<Round> out = new ArrayList<>();
        for (int k : numbers(dir.resolve("rounds"), ROUND)) {
            out.add(Json.MAPPER.readValue(roundDir(k).resolve("round.json").toFile(), Round.class));
        }
        return out;
    }

    public Table suggestions(int round) {
        return CsvReader.read(roundDir(round).resolve("suggestions.csv"));
    }

    public List<ModelVersion> versions() throws IOException {
        List<ModelVersion> out = new ArrayList<>();
        for (int v : numbers(dir.resolve("models"), VERSION)) {
            out.add(Json.MAPPER.readValue(versionDir(v).resolve("version.json").toFile(), ModelVersion.class));
        }
        return out;
    }

    public TrainedModel model(int version) {
        return TrainedModel.load(versionDir(version).resolve("model"));
    }

    Path roundDir(int round) {
        return dir.resolve("rounds").resolve("round-" + round);
    }

    Path versionDir(int version) {
        return dir.resolve("models").resolve("v" + version);
    }

    /** Replaces results.csv with {@code all} (old rows first), then updates the manifest. */
    void writeResults(Table all) throws IOException {
        write(dir.resolve(RESULTS), CsvWriter.toCsv(all));
        refreshManifest();
    }

    /** Adds a round directory (never replacing one), then updates the manifest. */
    void writeRound(Round round, Table suggestions) throws IOException {
        Path d = roundDir(round.round());
        requireNew(d);
        AtomicOutput.writeDirectory(OutputTarget.of(d, OutputKind.CAMPAIGN_ENTRY), tmp -> {
            Files.writeString(tmp.resolve("suggestions.csv"), CsvWriter.toCsv(suggestions));
            Files.writeString(tmp.resolve("round.json"), json(round));
        });
        hook.written(d);
        refreshManifest();
    }

    /** Adds a model version directory (never replacing one), then updates the manifest. */
    void writeVersion(ModelVersion version, TrainedModel model, TrainedModel pretrained) throws IOException {
        Path d = versionDir(version.version());
        requireNew(d);
        AtomicOutput.writeDirectory(OutputTarget.of(d, OutputKind.CAMPAIGN_ENTRY), tmp -> {
            model.save(tmp.resolve("model"));
            if (pretrained != null) {
                pretrained.save(tmp.resolve("pretrained"));
            }
            Files.writeString(tmp.resolve("version.json"), json(version));
        });
        hook.written(d);
        refreshManifest();
    }

    /** Writes a file of the campaign atomically (status files). */
    void write(Path file, String content) throws IOException {
        AtomicOutput.writeString(file, content);
        hook.written(file);
    }

    private static void requireNew(Path d) {
        if (Files.exists(d)) {
            throw new IllegalStateException(d + " exists; campaign entries are never replaced");
        }
    }

    private void refreshManifest() throws IOException {
        writeManifest(manifest.withHistory(scanHistory()));
    }

    private void writeManifest(Manifest m) throws IOException {
        write(dir.resolve(MANIFEST), json(m));
        manifest = m;
    }

    static String json(Object value) throws JsonProcessingException {
        return Json.MAPPER.writeValueAsString(value) + "\n";
    }
}
