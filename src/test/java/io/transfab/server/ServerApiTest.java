package io.transfab.server;

import static io.transfab.server.ServerTestSupport.FEATURES;
import static io.transfab.server.ServerTestSupport.get;
import static io.transfab.server.ServerTestSupport.post;
import static io.transfab.server.ServerTestSupport.postBytes;
import static io.transfab.server.ServerTestSupport.request;
import static io.transfab.server.ServerTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.testing.Approx;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API on a server started in-process on port 0 over a workspace with one GP model. */
class ServerApiTest {
    @TempDir
    static Path tmp;

    static Path ws;
    static TransfabServer server;
    /** Rows to predict (the simulated table: features, targets and other measured columns). */
    static Path rows;
    /** The CLI's predict output for {@link #rows}. */
    static Table cliPrediction;

    @BeforeAll
    static void startServer() throws IOException {
        ws = ServerTestSupport.workspace(tmp);
        rows = ServerTestSupport.simulate(tmp.resolve("rows.csv"), 12, 9);
        Path out = tmp.resolve("cli-pred.csv");
        ServerTestSupport.cli("predict", "--model", ws.resolve("models/gp").toString(), "--data", rows.toString(),
                "--out", out.toString());
        cliPrediction = CsvReader.read(out);
        server = ServerTestSupport.start(ws, Optional.empty(), 1, 1, 2);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** The feature columns of {@link #rows} (rows {@code from} to {@code to}) as a split-orientation body. */
    static String split(int from, int to, String extra) {
        Table t = CsvReader.read(rows);
        List<String> features = List.of(FEATURES.split(","));
        StringBuilder b = new StringBuilder("{\"columns\": [");
        for (int j = 0; j < features.size(); j++) {
            int c = t.indexOf(features.get(j));
            b.append(j > 0 ? ", " : "").append('"').append(features.get(j)).append(" [").append(t.units().get(c))
                    .append("]\"");
        }
        b.append("], \"data\": [");
        for (int r = from; r < to; r++) {
            b.append(r > from ? ", " : "").append('[');
            for (int j = 0; j < features.size(); j++) {
                b.append(j > 0 ? ", " : "").append(t.cell(r, t.indexOf(features.get(j))));
            }
            b.append(']');
        }
        return b.append("]").append(extra).append('}').toString();
    }

    /** Every prediction of {@code answer} equals the CLI's for rows {@code from}.. (mean, std, lower, upper to 1e-9). */
    static void assertSameAsCli(JsonNode answer, int from) {
        JsonNode predictions = answer.get("predictions");
        for (int i = 0; i < predictions.size(); i++) {
            for (String target : ServerTestSupport.TARGETS.split(",")) {
                JsonNode p = predictions.get(i).get(target);
                for (String[] pair : new String[][] {{"mean", "_pred"}, {"std", "_std"}, {"lower", "_lower"},
                    {"upper", "_upper"}}) {
                    double cli = cliPrediction.number(from + i, cliPrediction.indexOf(target + pair[1]));
                    Approx.assertClose(p.get(pair[0]).asDouble(), cli, 1e-9, 1e-12, target + " " + pair[0] + " row "
                            + (from + i));
                }
            }
        }
    }

    @Test
    void healthSaysOk() throws Exception {
        // When the health route is asked
        ServerTestSupport.Answer a = get(server, "/api/v1/health");
        // Then the server is up and needs no token
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("status").asText()).isEqualTo("ok");
        assertThat(a.json().get("tokenRequired").asBoolean()).isFalse();
    }

    @Test
    void modelsListAndDetailShowProvenanceSchemaAndRanges() throws Exception {
        // When the models are listed and the GP is opened
        JsonNode list = get(server, "/api/v1/models").json();
        JsonNode detail = get(server, "/api/v1/models/gp").json();
        // Then the list has it with its targets and version, and the detail its provenance, units and ranges
        assertThat(list.get("models")).hasSize(1);
        assertThat(list.get("models").get(0).get("name").asText()).isEqualTo("gp");
        assertThat(list.get("models").get(0).get("targets").toString()).contains("porosity", "density_g_cm3");
        assertThat(detail.get("method").asText()).isEqualTo("gp");
        assertThat(detail.get("version").asText()).hasSize(Predictions.VERSION_LENGTH)
                .isEqualTo(detail.get("provenance").get("dataSha256").asText().substring(0, 12));
        assertThat(detail.get("provenance").get("seed").isNumber()).isTrue();
        assertThat(detail.get("provenance").get("versions").has("transfab")).isTrue();
        assertThat(detail.get("schema").get("features").get(0).get("unit").asText()).isEqualTo("wt%");
        JsonNode range = detail.get("ranges").get("am_wt_pct");
        assertThat(range.get("min").asDouble()).isLessThan(range.get("max").asDouble());
        assertThat(detail.get("calibration").get("method").asText()).isEqualTo("conformal");
    }

    @Test
    void unknownModelIs404AndABadNameIs400() throws Exception {
        // When an unknown model and a name with a path in it are asked for
        ServerTestSupport.Answer unknown = get(server, "/api/v1/models/nope");
        ServerTestSupport.Answer predict = post(server, "/api/v1/models/nope/predict", "application/json",
                split(0, 1, ""));
        ServerTestSupport.Answer bad = get(server, "/api/v1/models/..%2Fdata");
        // Then problem+json answers say so
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.type()).startsWith(Problem.MEDIA_TYPE);
        assertThat(unknown.json().get("detail").asText()).contains("no model 'nope'");
        assertThat(predict.status()).isEqualTo(404);
        assertThat(bad.status()).isIn(400, 404);
        assertThat(bad.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void predictSplitGivesTheCliPredictionsRowByRow() throws Exception {
        // When all rows are predicted in the split orientation
        ServerTestSupport.Answer a = post(server, "/api/v1/models/gp/predict", "application/json",
                split(0, 12, ", \"level\": 0.9"));
        // Then the answer has one entry per row with the CLI's numbers, the model name, version and level
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode body = a.json();
        assertThat(body.get("model").asText()).isEqualTo("gp");
        assertThat(body.get("version").asText()).isEqualTo(get(server, "/api/v1/models/gp").json().get("version")
                .asText());
        assertThat(body.get("level").asDouble()).isEqualTo(0.9);
        assertThat(body.get("predictions")).hasSize(12);
        assertThat(body.get("predictions").get(0).get("warnings").isArray()).isTrue();
        assertSameAsCli(body, 0);
    }

    @Test
    void recordsOrientationAndInvocationsAgreeWithSplit() throws Exception {
        // Given the first two rows as records and as MLflow's dataframe_split
        JsonNode split = Bodies.JSON.readTree(split(0, 2, ""));
        StringBuilder records = new StringBuilder("[");
        for (int r = 0; r < 2; r++) {
            records.append(r > 0 ? "," : "").append('{');
            for (int j = 0; j < split.get("columns").size(); j++) {
                records.append(j > 0 ? "," : "").append(split.get("columns").get(j)).append(':')
                        .append(split.get("data").get(r).get(j));
            }
            records.append('}');
        }
        records.append(']');
        // When both are sent
        ServerTestSupport.Answer rec = post(server, "/api/v1/models/gp/predict", "application/json",
                records.toString());
        ServerTestSupport.Answer mlflow = post(server, "/invocations", "application/json",
                "{\"dataframe_split\": " + split + "}");
        // Then both give the CLI's predictions
        assertThat(rec.status()).as(rec.body()).isEqualTo(200);
        assertThat(mlflow.status()).as(mlflow.body()).isEqualTo(200);
        assertSameAsCli(rec.json(), 0);
        assertSameAsCli(mlflow.json(), 0);
    }

    @Test
    void csvInCsvOutIsTheCliPredictOutput() throws Exception {
        // When the table the CLI predicted is sent as CSV asking for CSV
        ServerTestSupport.Answer a = send(server, request(server, "/api/v1/models/gp/predict")
                .header("Content-Type", "text/csv").header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(rows)));
        // Then the answer has the CLI's columns and numbers
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        Table t = CsvReader.parse("answer", a.body());
        assertThat(t.names()).isEqualTo(cliPrediction.names());
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                double v = cliPrediction.number(r, c);
                if (Double.isFinite(v)) {
                    Approx.assertClose(t.number(r, c), v, 1e-9, 1e-12, t.names().get(c) + " row " + r);
                }
            }
        }
    }

    @Test
    void sixteenThreadsPredictConcurrentlyAndGetExactlyTheCliAnswers() throws Exception {
        // Given 16 client threads, each sending the batch and single rows several times
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
            int thread = k;
            futures.add(pool.submit(() -> {
                int checked = 0;
                for (int rep = 0; rep < 4; rep++) {
                    int row = (thread + rep) % 12;
                    ServerTestSupport.Answer one = post(server, "/api/v1/models/gp/predict", "application/json",
                            split(row, row + 1, ""));
                    assertThat(one.status()).as(one.body()).isEqualTo(200);
                    assertSameAsCli(one.json(), row);
                    ServerTestSupport.Answer all = post(server, "/api/v1/models/gp/predict", "application/json",
                            split(0, 12, ""));
                    assertThat(all.status()).as(all.body()).isEqualTo(200);
                    assertSameAsCli(all.json(), 0);
                    checked += 13;
                }
                return checked;
            }));
        }
        // When they all finish
        int checked = 0;
        for (Future<Integer> f : futures) {
            checked += f.get();
        }
        pool.shutdown();
        // Then every one of the 16 x 4 x 13 predictions matched
        assertThat(checked).isEqualTo(16 * 4 * 13);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        // When the body is not JSON, or JSON of the wrong shape
        ServerTestSupport.Answer broken = post(server, "/api/v1/models/gp/predict", "application/json", "{\"columns\":");
        ServerTestSupport.Answer shape = post(server, "/api/v1/models/gp/predict", "application/json", "{\"x\": 1}");
        ServerTestSupport.Answer ragged = post(server, "/api/v1/models/gp/predict", "application/json",
                "{\"columns\": [\"a\", \"b\"], \"data\": [[1]]}");
        // Then each is a 400 saying what is wrong, without a stack trace
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.type()).startsWith(Problem.MEDIA_TYPE);
        assertThat(broken.json().get("detail").asText()).startsWith("malformed JSON");
        assertThat(shape.status()).isEqualTo(400);
        assertThat(ragged.status()).isEqualTo(400);
        assertThat(ragged.json().get("detail").asText()).contains("row 1");
        assertThat(broken.body() + shape.body() + ragged.body()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void schemaErrorsAre422NamingEveryMissingExtraAndNonNumericColumn() throws Exception {
        // Given rows without two features, with an unknown column and text in a numeric feature
        String body = "{\"columns\": [\"am_wt_pct\", \"cb_binder_ratio\", \"solid_content_wt_pct\", \"comma_gap_um\", "
                + "\"coating_speed_m_min\", \"operator\"], \"data\": [[\"ninety\", 0.4, 70, 130, 5, \"ann\"]]}";
        // When they are predicted
        ServerTestSupport.Answer a = post(server, "/api/v1/models/gp/predict", "application/json", body);
        // Then the 422 lists each kind of mismatch
        assertThat(a.status()).isEqualTo(422);
        JsonNode p = a.json();
        assertThat(p.get("missing").toString()).contains("drying_temp_c", "calender_line_load_n_mm");
        assertThat(p.get("extra").toString()).contains("operator");
        assertThat(p.get("nonNumeric").toString()).contains("am_wt_pct");
        assertThat(p.get("detail").asText()).contains("missing columns drying_temp_c, calender_line_load_n_mm")
                .contains("extra columns operator").contains("'ninety' is not a finite number");
    }

    @Test
    void aLevelOutsideTheUnitIntervalIs400() throws Exception {
        // When the level is 1.5
        ServerTestSupport.Answer a = post(server, "/api/v1/models/gp/predict", "application/json",
                split(0, 1, ", \"level\": 1.5"));
        // Then it is refused
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("detail").asText()).contains("(0, 1)");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        // Given a body of 2 MB on a server with a 1 MB limit
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        // When it is posted for prediction and as an upload
        ServerTestSupport.Answer predict = postBytes(server, "/api/v1/models/gp/predict", "application/json", big);
        ServerTestSupport.Answer upload = postBytes(server, "/api/v1/data?name=big.csv", "text/csv", big);
        // Then both are 413 naming the limit, and nothing is stored
        assertThat(predict.status()).isEqualTo(413);
        assertThat(predict.json().get("detail").asText()).contains("1 MB");
        assertThat(upload.status()).isEqualTo(413);
        assertThat(ws.resolve("data/big.csv")).doesNotExist();
    }

    @Test
    void unknownRouteIs404ProblemJson() throws Exception {
        // When a route that does not exist is asked for
        ServerTestSupport.Answer a = get(server, "/api/v1/nothing");
        // Then it is a problem+json 404
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.type()).startsWith(Problem.MEDIA_TYPE);
    }

    @Test
    void uploadStoresTheTableAndRefusesItsNameTwice() throws Exception {
        // Given a small CSV with a semicolon delimiter and decimal commas
        String csv = "a [mm];b;y\n1,5;x;2\n2,5;y;3\n";
        // When it is uploaded twice under one name, and once as a multipart form
        ServerTestSupport.Answer first = post(server, "/api/v1/data?name=semi", "text/csv", csv);
        ServerTestSupport.Answer second = post(server, "/api/v1/data?name=semi.csv", "text/csv", csv);
        String boundary = "b0undary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"form.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        ServerTestSupport.Answer multipart = post(server, "/api/v1/data", "multipart/form-data; boundary=" + boundary,
                form);
        // Then the first is stored with what was detected, the second is a 409, the form is stored under its name
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode s = first.json();
        assertThat(s.get("name").asText()).isEqualTo("semi.csv");
        assertThat(s.get("delimiter").asText()).isEqualTo(";");
        assertThat(s.get("decimalComma").asBoolean()).isTrue();
        assertThat(s.get("columns").get(0).get("unit").asText()).isEqualTo("mm");
        assertThat(s.get("columns").get(1).get("kind").asText()).isEqualTo("categorical");
        assertThat(s.get("preview")).hasSize(2);
        assertThat(Files.readString(ws.resolve("data/semi.csv"))).isEqualTo(csv);
        assertThat(second.status()).isEqualTo(409);
        assertThat(multipart.status()).as(multipart.body()).isEqualTo(201);
        assertThat(ws.resolve("data/form.csv")).hasContent(csv);
        // And the list and the detail show it
        assertThat(get(server, "/api/v1/data").body()).contains("semi.csv");
        assertThat(get(server, "/api/v1/data/semi.csv").json().get("rows").asInt()).isEqualTo(2);
        assertThat(get(server, "/api/v1/data/none.csv").status()).isEqualTo(404);
    }

    @Test
    void badUploadsAre4xxWithTheCliMessageAndLeaveNothing() throws Exception {
        // Given the bad-upload corpus
        byte[] png = new byte[600];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(magic, 0, png, 0, magic.length);
        for (int i = magic.length; i < png.length; i++) {
            png[i] = (byte) (i * 37);
        }
        Object[][] corpus = {
            {"ragged.csv", "a,b\n1,2\n3\n".getBytes(StandardCharsets.UTF_8), "has 1 cells but the header has 2"},
            {"text.csv", "a,b\n1,2\n3,4\nfive,6\n7,8\n".getBytes(StandardCharsets.UTF_8), "'five' is not a finite number"},
            {"empty.csv", new byte[0], "empty"},
            {"image.csv", png, "text"},
        };
        List<String> before = listing(ws);
        for (Object[] c : corpus) {
            // When each is uploaded
            ServerTestSupport.Answer a = postBytes(server, "/api/v1/data?name=" + c[0], "text/csv", (byte[]) c[1]);
            // Then it is refused with a one-line message naming the file, and nothing is left
            assertThat(a.status()).as(c[0] + ": " + a.body()).isBetween(400, 499);
            assertThat(a.type()).startsWith(Problem.MEDIA_TYPE);
            String detail = a.json().get("detail").asText();
            assertThat(detail).as((String) c[0]).contains((String) c[0]).contains((String) c[2]).doesNotContain("\n");
        }
        assertThat(listing(ws)).isEqualTo(before);
    }

    /** A CSV with {@code columns} numeric columns c0, c1, ... and one row of ones. */
    static byte[] wideCsv(int columns) {
        StringBuilder b = new StringBuilder(columns * 10);
        for (int c = 0; c < columns; c++) {
            b.append(c > 0 ? "," : "").append('c').append(c);
        }
        b.append('\n');
        for (int c = 0; c < columns; c++) {
            b.append(c > 0 ? ",1" : "1");
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A split-orientation body of {@code columns} columns (named 0, 1, ... in base 36, or all "a"), one row of ones. */
    static byte[] wideJson(int columns, boolean sameName) {
        StringBuilder b = new StringBuilder("{\"columns\": [");
        for (int c = 0; c < columns; c++) {
            b.append(c > 0 ? "," : "").append(sameName ? "\"a\"" : "\"" + Integer.toString(c, 36) + "\"");
        }
        b.append("], \"data\": [[");
        for (int c = 0; c < columns; c++) {
            b.append(c > 0 ? ",1" : "1");
        }
        return b.append("]]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void hostileBodiesAreProblemJson4xxAndNeverAStackTraceOrA500() throws Exception {
        // Given hostile bodies for the upload and the predict endpoints (a body over the limit: aBodyOverTheLimitIs413):
        // 10^5 columns (CSV, JSON), NaN and Infinity as JSON numbers and as text, and bytes that are not UTF-8
        String numbers = split(0, 1, "");
        byte[] latin1 = "a,b\nm\u00fcller,1\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] badUtf8Json = (numbers.substring(0, numbers.length() - 1) + ", \"note\": \"\u00fc\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        String firstValue = numbers.substring(numbers.indexOf("[[") + 2, numbers.indexOf(',', numbers.indexOf("[[")));
        Object[][] corpus = {
            // endpoint, content type, body, what the one-line detail names
            {"/api/v1/data?name=wide.csv", "text/csv", wideCsv(100_001), "columns"},
            {"/api/v1/models/gp/predict", "text/csv", wideCsv(100_001), "columns"},
            {"/api/v1/models/gp/predict", "text/csv", wideCsv(100_000), "missing columns"},
            {"/api/v1/models/gp/predict", "application/json", wideJson(100_000, false), "and 99980 more"},
            {"/api/v1/models/gp/predict", "application/json", wideJson(100_000, true), "duplicate column names: a"},
            {"/api/v1/data?name=latin1.csv", "text/csv", latin1, "latin1.csv"},
            {"/api/v1/models/gp/predict", "text/csv", latin1, "request body"},
            {"/api/v1/models/gp/predict", "application/json", badUtf8Json, "malformed JSON"},
            {"/api/v1/models/gp/predict", "application/json", numbers.replace("[[" + firstValue, "[[NaN")
                    .getBytes(StandardCharsets.UTF_8), "'NaN' is not a JSON number"},
            {"/api/v1/models/gp/predict", "application/json", numbers.replace("[[" + firstValue, "[[-Infinity")
                    .getBytes(StandardCharsets.UTF_8), "'-Infinity' is not a JSON number"},
            {"/api/v1/models/gp/predict", "application/json", numbers.replace("[[" + firstValue, "[[1e999")
                    .getBytes(StandardCharsets.UTF_8), "finite"},
            {"/api/v1/models/gp/predict", "application/json", numbers.replace("[[" + firstValue, "[[\"NaN\"")
                    .getBytes(StandardCharsets.UTF_8), "finite"},
            {"/api/v1/models/gp/predict", "application/json", split(0, 1, ", \"level\": 1e999")
                    .getBytes(StandardCharsets.UTF_8), "(0, 1)"},
            {"/api/v1/models/gp/predict", "application/json", split(0, 1, ", \"level\": NaN")
                    .getBytes(StandardCharsets.UTF_8), "malformed JSON"},
        };
        List<String> before = listing(ws);
        for (Object[] c : corpus) {
            String what = c[0] + " " + c[1] + " (" + ((byte[]) c[2]).length + " bytes, expecting '" + c[3] + "')";
            // When each is posted
            ServerTestSupport.Answer a = postBytes(server, (String) c[0], (String) c[1], (byte[]) c[2]);
            // Then it is a problem+json 4xx with a one-line detail saying what is wrong, without a stack trace
            assertThat(a.status()).as(what + ": " + a.body()).isBetween(400, 499);
            assertThat(a.type()).as(what).startsWith(Problem.MEDIA_TYPE);
            String detail = a.json().get("detail").asText();
            assertThat(detail).as(what).contains((String) c[3]).doesNotContain("\n").hasSizeLessThan(2000);
            assertThat(a.body()).as(what).doesNotContain("\tat ").doesNotContain("Exception");
        }
        // And nothing was stored
        assertThat(listing(ws)).isEqualTo(before);
    }

    /** Every file and folder of the workspace, hidden ones included. */
    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
