package io.transfab.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * The kinds of output transfab writes. A directory is recognised as a kind by its marker file
 * {@value #MARKER} (written since outputs became protected) or, for outputs of older versions, by the
 * files that kind always held; a single file (a CSV) by its hidden sibling {@code .<name>.transfab} holding the
 * kind and the SHA-256 of the content written (see {@link FileMarker}), so that it is recognised only while
 * unchanged. Only an output of the same kind is replaced without --force.
 */
public enum OutputKind {
    /** A model directory: its model.json names a transfab model format (tabular or hybrid). */
    MODEL("model"),
    /** An assess output (metrics.json, predictions.csv, report.html, models). */
    ASSESSMENT("assessment"),
    /** An explain output (shap.csv, importance.csv, explain.json, explain.html). */
    EXPLANATION("explanation"),
    /** A demo output (data, models, assessment, metrics.json). */
    DEMO("demo"),
    /** A bench output (bench.json, the generated tables, assess). */
    BENCH("benchmark"),
    /** A select-source output (ranking.csv, ranking.json, optionally union.csv and base). */
    SOURCE_RANKING("source ranking"),
    /** A study output (space.yaml, results.json, report.html). */
    STUDY("study"),
    /** The images simulate gdl writes beside its CSV (images/STEM). */
    IMAGE_SET("image set"),
    /** A campaign directory or a round or model-version directory inside one (each written once). */
    CAMPAIGN_ENTRY("campaign entry"),
    /** simulate electrode's CSV. */
    SIMULATED_TABLE("simulated electrode table", true),
    /** The drawn calibrations and lots simulate electrode writes beside its CSV (NAME.labs.json). */
    LAB_RECORD("record of drawn calibrations and lots", true),
    /** simulate gdl's CSV. */
    GDL_TABLE("simulated GDL table", true),
    /** predict's CSV. */
    PREDICTIONS("predictions table", true),
    /** suggest's CSV. */
    SUGGESTIONS("suggestions table", true),
    /** optimize's CSV. */
    OPTIMIZATION("optimization table", true),
    /** design's plan CSV. */
    DESIGN_PLAN("design plan", true);

    /** Hidden file naming the kind of a transfab output directory; its content is the kind's {@link #id()}. */
    public static final String MARKER = ".transfab-output";

    private static final Set<String> MODEL_FORMATS = Set.of("transfab-model", "transfab-hybrid-model");

    private final String label;
    private final boolean file;

    OutputKind(String label) {
        this(label, false);
    }

    OutputKind(String label, boolean file) {
        this.label = label;
        this.file = file;
    }

    /** Whether this kind is a single file (else a directory). */
    public boolean isFile() {
        return file;
    }

    /** Words for messages ("the previous model at ..."). */
    public String label() {
        return label;
    }

    /** What the marker file holds. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Models (model.json's format) and campaigns (their manifest) carry their own marker and get no extra file. */
    boolean writesMarker() {
        return !file && this != MODEL && this != CAMPAIGN_ENTRY;
    }

    /**
     * Whether the existing {@code path} is an output of this kind: a directory by its marker or (older versions)
     * its files; a file by its sibling marker, while its content is still the one transfab wrote.
     */
    public boolean recognises(Path path) {
        if (file) {
            return FileMarker.vouchedHash(path, this).isPresent();
        }
        Path dir = path;
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path marker = dir.resolve(MARKER);
        if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            try {
                return Files.readString(marker, StandardCharsets.UTF_8).strip().equals(id());
            } catch (IOException e) {
                return false;
            }
        }
        return switch (this) {
            case MODEL -> isModel(dir);
            case ASSESSMENT -> has(dir, "metrics.json") && has(dir, "predictions.csv") && has(dir, "recommended");
            case EXPLANATION -> has(dir, "explain.json") && has(dir, "shap.csv");
            case DEMO -> has(dir, "metrics.json") && has(dir, "assessment") && has(dir, "models");
            case BENCH -> has(dir, "bench.json");
            case SOURCE_RANKING -> has(dir, "ranking.json") && has(dir, "ranking.csv");
            case STUDY -> has(dir, "results.json") && has(dir, "space.yaml");
            case IMAGE_SET -> onlyImages(dir);
            case CAMPAIGN_ENTRY -> has(dir, "round.json") || has(dir, "version.json") || has(dir, "campaign.json");
            default -> false;
        };
    }

    private static boolean has(Path dir, String name) {
        return Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean isModel(Path dir) {
        Path file = dir.resolve("model.json");
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            return root != null && MODEL_FORMATS.contains(root.path("format").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** simulate gdl's images/STEM of older versions: nothing but its numbered PNG files. */
    private static boolean onlyImages(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.allMatch(p -> p.getFileName().toString().endsWith(".png")
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return false;
        }
    }
}
