package io.transfab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transfab.testing.Approx;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regression corpus of the CSV reader ({@code src/test/resources/corpus}, written by its
 * {@code make_corpus.py}): odd-but-valid exports parse to the values written beside them by hand,
 * hostile files are refused with one line naming the place.
 */
class CsvCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> validFiles() throws IOException, URISyntaxException {
        return files("valid");
    }

    static Stream<Path> hostileFiles() throws IOException, URISyntaxException {
        return files("hostile");
    }

    private static Stream<Path> files(String kind) throws IOException, URISyntaxException {
        Path dir = Path.of(CsvCorpusTest.class.getResource("/corpus/" + kind).toURI());
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !p.getFileName().toString().endsWith(".json")).sorted().forEach(out::add);
        }
        assertThat(out).as(kind + " corpus").isNotEmpty();
        return out.stream();
    }

    private static JsonNode expected(Path file) throws IOException {
        return JSON.readTree(file.resolveSibling(file.getFileName() + ".expected.json").toFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFiles")
    void oddButValidFilesParseToTheirExpectedValues(Path file) throws IOException {
        // Given a valid export and the values it holds
        JsonNode want = expected(file);
        // When it is read
        Table t = CsvReader.read(file);
        // Then names, units, decimal separator and every cell are as expected
        assertThat(t.names()).containsExactlyElementsOf(strings(want.get("names")));
        assertThat(t.units()).containsExactlyElementsOf(strings(want.get("units")));
        assertThat(t.decimalComma()).isEqualTo(want.get("decimalComma").asBoolean());
        JsonNode rows = want.get("values");
        assertThat(t.rowCount()).isEqualTo(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            assertThat(t.row(r)).hasSize(rows.get(r).size());
            for (int c = 0; c < rows.get(r).size(); c++) {
                JsonNode v = rows.get(r).get(c);
                String where = file.getFileName() + " row " + r + " column " + c;
                if (v.isNumber()) {
                    Approx.assertClose(t.number(r, c), v.asDouble(), 1e-15, 0, where);
                } else {
                    assertThat(t.cell(r, c)).as(where).isEqualTo(v.asText());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void hostileFilesAreRefusedWithOneLineNamingThePlace(Path file) throws IOException {
        // Given a hostile file and what its refusal must say
        JsonNode want = expected(file);
        // When it is read (and, where targets are given, typed and encoded)
        DataException e = assertThrows(DataException.class, () -> {
            Table t = CsvReader.read(file);
            if (want.has("targets")) {
                List<String> targets = strings(want.get("targets"));
                List<String> features = t.names().stream().filter(n -> !targets.contains(n)).toList();
                Dataset.of(t, Schema.infer(t, features, targets, List.of()));
            }
        });
        // Then the message is one line, starts with the file and says what and where
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").startsWith(file.toString());
        for (String fragment : strings(want.get("contains"))) {
            assertThat(e.getMessage()).contains(fragment);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
