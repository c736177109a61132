package io.transfab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A workspace with a small GP model, servers on port 0 over it, and HTTP calls with java.net.http. */
final class ServerTestSupport {
    /** The seven process parameters of the simulated electrode table. */
    static final String FEATURES = "am_wt_pct,cb_binder_ratio,solid_content_wt_pct,comma_gap_um,coating_speed_m_min,"
            + "drying_temp_c,calender_line_load_n_mm";
    static final String TARGETS = "porosity,density_g_cm3";

    private ServerTestSupport() {
    }

    /** An HTTP answer: status, content type and body. */
    record Answer(int status, String type, String body) {
        JsonNode json() throws IOException {
            return Bodies.JSON.readTree(body);
        }
    }

    /** Runs the CLI in-process; a non-zero exit fails the test with its error output. */
    static synchronized void cli(String... args) {
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(status).as(String.join(" ", args) + ": " + err).isZero();
    }

    /** Simulates {@code rows} electrodes into {@code csv}. */
    static Path simulate(Path csv, int rows, long seed) {
        cli("simulate", "electrode", "--rows", Integer.toString(rows), "--seed", Long.toString(seed), "--out",
                csv.toString(), "--quiet");
        return csv;
    }

    /** A workspace under {@code dir} with model {@code gp} (a GP on 25 simulated rows) and its table. */
    static Path workspace(Path dir) throws IOException {
        Path ws = dir.resolve("ws");
        Files.createDirectories(ws.resolve("models"));
        Path train = simulate(dir.resolve("train.csv"), 25, 3);
        cli("train", "--data", train.toString(), "--model", "gp", "--features", FEATURES, "--targets", TARGETS,
                "--out", ws.resolve("models/gp").toString(), "--quiet");
        return ws;
    }

    static TransfabServer start(Path ws, Optional<String> token, long maxUploadMb, int jobs, int queue)
            throws IOException {
        return TransfabServer.start(new ServerOptions(0, ws, "127.0.0.1", token, jobs, queue, maxUploadMb, 42));
    }

    static final HttpClient CLIENT = HttpClient.newHttpClient();

    static Answer send(TransfabServer s, HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    static HttpRequest.Builder request(TransfabServer s, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path));
    }

    static Answer get(TransfabServer s, String path) throws IOException, InterruptedException {
        return send(s, request(s, path).GET());
    }

    static Answer post(TransfabServer s, String path, String type, String body)
            throws IOException, InterruptedException {
        return send(s, request(s, path).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Answer postBytes(TransfabServer s, String path, String type, byte[] body)
            throws IOException, InterruptedException {
        return send(s, request(s, path).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }
}
