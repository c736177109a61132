package io.transfab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.DataException;
import io.transfab.data.Hashing;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What every saved model kind (tabular {@link TrainedModel}, hybrid) does alike with its
 * {@code model.json}, one block per concern: the header ({@code format}, {@code formatVersion},
 * {@code writtenBy}) and the refusal of newer versions, the closing {@code training} ({@code method},
 * {@code details}) and {@code provenance} blocks, and the {@code checksums} block (SHA-256 of every
 * other file in the directory) that makes a damaged or changed model directory fail to load.
 */
public final class ModelJson {
    /** The name of the file in a model directory. */
    public static final String FILE = "model.json";

    /**
     * Newest model format version, written by this build for every model kind; loading refuses newer
     * ones. Version 3 added {@code writtenBy} and {@code checksums}.
     */
    public static final int FORMAT_VERSION = 3;

    /**
     * The version of a tabular model whose inputs include compositions (log-ratio coordinates in
     * {@code inputNormalizer.composition}); every other model is still written as
     * {@value #FORMAT_VERSION}. A build before it would ignore the field and predict from raw
     * fractions, so it must refuse such a model instead.
     */
    public static final int COMPOSITION_SINCE = 4;

    /** Newest version this build reads. */
    public static final int NEWEST_READABLE = COMPOSITION_SINCE;

    /** The first format version whose model.json records the checksum of every other file. */
    static final int CHECKSUMS_SINCE = 3;

    private static final String UNKNOWN_VERSION = "(unknown version)";

    private ModelJson() {
    }

    /**
     * Reads {@code dir/model.json}. A missing file is "not a transfab model directory (no
     * model.json)" followed by {@code missingHint} (empty or starting with "; "); a file that is not
     * JSON is named with the parser's reason. Both are {@link DataException}s.
     */
    public static JsonNode read(Path dir, String missingHint) {
        Path file = dir.resolve(FILE);
        try {
            return Json.read(file);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw DataException.of(dir.toString(), "not a transfab model directory (no model.json)" + missingHint);
        } catch (IOException e) {
            throw DataException.of(file.toString(), "cannot be read as JSON (" + e.getMessage() + ")");
        }
    }

    /** Puts the header: {@code format}, {@code formatVersion} ({@value #FORMAT_VERSION}) and {@code writtenBy}. */
    public static void putHeader(ObjectNode root, String format) {
        root.put("format", format);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("writtenBy", "transfab " + transfabVersion());
    }

    /**
     * The {@code formatVersion} of a model.json whose {@code format} was checked. A version newer
     * than {@value #NEWEST_READABLE} is refused naming the transfab that wrote it (its
     * {@code writtenBy}); a missing or non-positive one is a damaged file.
     */
    public static int formatVersion(JsonNode root, Path dir) {
        Path file = dir.resolve(FILE);
        JsonNode v = root.get("formatVersion");
        if (v == null || !v.canConvertToInt() || v.asInt() < 1) {
            throw DataException.of(file.toString(), "has no valid formatVersion (got " + v + "); the model directory "
                    + "is damaged or incomplete");
        }
        int version = v.asInt();
        if (version > NEWEST_READABLE) {
            String writer = root.path("writtenBy").asText("").strip();
            String needs = writer.startsWith("transfab ") ? writer + " or newer" : "a newer transfab";
            throw DataException.of(file.toString(), "model format version " + version + " needs " + needs
                    + " (this is transfab " + transfabVersion() + ", which reads versions 1.." + NEWEST_READABLE
                    + "); upgrade transfab");
        }
        return version;
    }

    /** The running transfab's version, from the bundled versions.properties. */
    static String transfabVersion() {
        return Provenance.currentVersions().getOrDefault("transfab", UNKNOWN_VERSION);
    }

    /**
     * Puts the {@code checksums} block: the SHA-256 of every file under {@code dir} except model.json
     * itself, keyed by its path relative to {@code dir} with '/' separators, in path order. Called
     * once every parameter file is written.
     */
    public static void putChecksums(ObjectNode root, Path dir) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        for (Path f : files(dir)) {
            sums.put(relative(dir, f), Hashing.sha256(Files.readAllBytes(f)));
        }
        ObjectNode block = root.putObject("checksums");
        sums.forEach(block::put);
    }

    /**
     * Checks the {@code checksums} block of a model of {@code version} against the files in
     * {@code dir}: each listed file must exist and match its SHA-256, and no unlisted file may sit
     * beside them (hidden files such as {@code .DS_Store} aside). Returns the load warnings: none,
     * or for a model older than checksums the one that says it cannot be checked.
     *
     * @throws DataException naming the first file that is missing, changed or unlisted
     */
    public static List<String> verifyChecksums(JsonNode root, int version, Path dir) {
        if (version < CHECKSUMS_SINCE) {
            return List.of("model " + dir + " has no checksums (saved by an older transfab); it cannot be checked "
                    + "for damage");
        }
        JsonNode block = root.get("checksums");
        if (block == null || !block.isObject()) {
            throw DataException.of(dir.resolve(FILE).toString(), "has no checksums block; the model directory is "
                    + "damaged or incomplete");
        }
        Path base = dir.toAbsolutePath().normalize();
        List<String> listed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            Path f = base.resolve(name).normalize();
            if (name.isEmpty() || Path.of(name).isAbsolute() || !f.startsWith(base) || f.equals(base)
                    || name.equals(FILE) || !e.getValue().isTextual()) {
                throw DataException.of(dir.resolve(FILE).toString(), "has an invalid checksums entry '" + name
                        + "'; the model directory is damaged or changed");
            }
            if (!Files.isRegularFile(f)) {
                throw DataException.of(dir.toString(), "model file " + name + " is missing (damaged or incomplete)");
            }
            String actual;
            try {
                actual = Hashing.sha256(Files.readAllBytes(f));
            } catch (IOException ex) {
                throw DataException.of(dir.toString(), "model file " + name + " cannot be read (" + ex.getMessage()
                        + ")");
            }
            if (!actual.equalsIgnoreCase(e.getValue().asText())) {
                throw DataException.of(dir.toString(), "model file " + name + " does not match its checksum (damaged "
                        + "or changed)");
            }
            listed.add(name);
        }
        List<Path> present;
        try {
            present = files(dir);
        } catch (IOException ex) {
            throw DataException.of(dir.toString(), "model directory cannot be listed (" + ex.getMessage() + ")");
        }
        for (Path f : present) {
            String name = relative(dir, f);
            if (!listed.contains(name) && !f.getFileName().toString().startsWith(".")) {
                throw DataException.of(dir.toString(), "model file " + name + " is not in model.json's checksums "
                        + "(added or changed after saving)");
            }
        }
        return List.of();
    }

    /** Every regular file under {@code dir} except {@code dir/model.json}, in path order. */
    private static List<Path> files(Path dir) throws IOException {
        Path manifest = dir.resolve(FILE);
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.equals(manifest)).sorted().toList();
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** Appends the {@code training} block ({@code method}, {@code details}) and then {@code provenance}. */
    public static void putTraining(ObjectNode root, String method, Map<String, Object> details,
            Provenance provenance) {
        ObjectNode training = root.putObject("training");
        training.put("method", method);
        training.set("details", Json.MAPPER.valueToTree(details));
        root.set("provenance", Json.MAPPER.valueToTree(provenance));
    }

    /** {@code training.method} as written by {@link #putTraining}; {@code file} names model.json in errors. */
    public static String method(JsonNode root, Path file) throws IOException {
        return Json.requiredText(Json.required(root, "training", file), "method", file);
    }

    /** {@code training.details} as written by {@link #putTraining}, in their saved order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> details(JsonNode root, Path file) throws IOException {
        JsonNode details = Json.required(Json.required(root, "training", file), "details", file);
        if (!details.isObject()) {
            throw new IOException(file + ": training.details is not an object");
        }
        return Json.MAPPER.treeToValue(details, LinkedHashMap.class);
    }

    /** The {@code provenance} block as written by {@link #putTraining}. */
    public static Provenance provenance(JsonNode root, Path file) throws IOException {
        return Json.MAPPER.treeToValue(Json.required(root, "provenance", file), Provenance.class);
    }
}
