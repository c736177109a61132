package io.transfab.design;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.transfab.data.DataException;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the YAML of a parameter-space file with limits that keep a hostile file cheap to refuse:
 * at most {@link #MAX_CHARS} characters, {@link #MAX_DEPTH} levels of nesting, no duplicate keys
 * and no aliases. Jackson reads YAML event by event and would turn an alias ({@code *a}) into the
 * plain string "a" (so a "billion laughs" file is small in memory but silently wrong); a space file
 * never needs one, so the first alias is refused. SnakeYAML's own loader limits
 * ({@link LoaderOptions}) are set as well, for the parts of the YAML stack that honour them.
 */
final class SpaceYaml {
    /** Largest space file, in characters (a design space has tens of lines). */
    static final int MAX_CHARS = 1 << 20;
    /** Deepest nesting of mappings and lists (a space file needs 3). */
    static final int MAX_DEPTH = 32;

    private SpaceYaml() {
    }

    /** The YAML as a tree; every problem is one line naming {@code source}. */
    static JsonNode read(String yaml, String source) {
        if (yaml.length() > MAX_CHARS) {
            throw DataException.of(source, "is " + yaml.length() + " characters long; a space file may have at most "
                    + MAX_CHARS);
        }
        ObjectMapper mapper = new ObjectMapper(factory())
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        try {
            requireNoAliases(mapper, yaml, source);
            return mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw DataException.of(source, "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw DataException.of(source, "cannot be read as YAML: " + firstLine(e.getMessage()));
        }
    }

    private static YAMLFactory factory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(0);
        loader.setNestingDepthLimit(MAX_DEPTH);
        loader.setCodePointLimit(MAX_CHARS);
        loader.setAllowDuplicateKeys(false);
        return YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_CHARS).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** One pass over the tokens: refuses the first alias, with its line. */
    private static void requireNoAliases(ObjectMapper mapper, String yaml, String source) throws IOException {
        try (JsonParser p = mapper.getFactory().createParser(yaml)) {
            while (p.nextToken() != null) {
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    throw DataException.of(source, "line " + p.currentLocation().getLineNr() + ": uses the YAML "
                            + "alias '*" + p.getText() + "'; aliases are not supported in space files, write the "
                            + "values out");
                }
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
