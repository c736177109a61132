package io.transfab.server;

import static io.transfab.server.ServerTestSupport.FEATURES;
import static io.transfab.server.ServerTestSupport.get;
import static io.transfab.server.ServerTestSupport.post;
import static io.transfab.server.ServerTestSupport.request;
import static io.transfab.server.ServerTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs through the API: a real train job with its event stream, the queue, cancellation and restarts. */
class ServerJobsTest {
    @TempDir
    Path tmp;

    /** A workspace with data/train.csv (20 simulated rows). */
    private Path workspace() throws IOException {
        Path ws = tmp.resolve("ws");
        Files.createDirectories(ws.resolve("data"));
        ServerTestSupport.simulate(ws.resolve("data/train.csv"), 20, 5);
        return ws;
    }

    private static String trainJob(String out) {
        return "{\"kind\": \"train\", \"params\": {\"data\": \"data/train.csv\", \"model\": \"gp\", \"targets\": "
                + "\"porosity\", \"features\": \"" + FEATURES + "\", \"out\": \"" + out + "\"}}";
    }

    /** A server-sent event as the stream carries it. */
    record Event(long id, String event, JsonNode data) {
    }

    /** Reads the event stream of a job to its end. */
    private static List<Event> events(TransfabServer s, String id) throws Exception {
        HttpResponse<Stream<String>> r = ServerTestSupport.CLIENT.send(request(s, "/api/v1/jobs/" + id + "/events")
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<Event> events = new ArrayList<>();
        String name = null;
        long eventId = 0;
        try (Stream<String> lines = r.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    eventId = Long.parseLong(line.substring(3).strip());
                } else if (line.startsWith("data:")) {
                    events.add(new Event(eventId, name, Bodies.JSON.readTree(line.substring(5).strip())));
                    if ("end".equals(name)) {
                        break;
                    }
                }
            }
        }
        return events;
    }

    @Test
    void aTrainJobRunsToCompletionWithItsEventsInOrder() throws Exception {
        // Given a server over a workspace with a table
        Path ws = workspace();
        try (TransfabServer s = ServerTestSupport.start(ws, Optional.empty(), 1, 1, 4)) {
            // When a GP train job is queued and its events are followed to the end
            ServerTestSupport.Answer created = post(s, "/api/v1/jobs", "application/json", trainJob("models/gp2"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asText();
            List<Event> events = events(s, id);
            // Then the events are numbered in order, progress and log come before one final end "done"
            assertThat(events).isNotEmpty();
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).id()).isEqualTo(i + 1);
            }
            assertThat(events.get(events.size() - 1).event()).isEqualTo("end");
            assertThat(events.get(events.size() - 1).data().get("status").asText()).isEqualTo("done");
            assertThat(events.stream().filter(e -> e.event().equals("end"))).hasSize(1);
            assertThat(events.stream().map(Event::event)).contains("log");
            for (Event e : events) {
                if (e.event().equals("progress")) {
                    assertThat(e.data().get("done").asInt()).isBetween(0, e.data().get("total").asInt());
                    assertThat(e.data().has("label")).isTrue();
                }
            }
            // And the job is done with its command line and outputs, and its model is served
            JsonNode job = get(s, "/api/v1/jobs/" + id).json();
            assertThat(job.get("status").asText()).isEqualTo("done");
            assertThat(job.get("command").asText()).startsWith("./transfab train").contains("--out models/gp2");
            assertThat(job.get("outputs").toString()).contains("models/gp2");
            assertThat(job.get("files").toString()).contains("models/gp2/model.json");
            assertThat(get(s, "/api/v1/jobs/" + id + "/files/models/gp2/model.json").body()).contains("transfab-model");
            assertThat(get(s, "/api/v1/jobs/" + id + "/files/data/train.csv").status()).isEqualTo(404);
            assertThat(get(s, "/api/v1/jobs/" + id + "/files/log").status()).isEqualTo(200);
            assertThat(get(s, "/api/v1/models/gp2").status()).isEqualTo(200);
            assertThat(get(s, "/api/v1/jobs").body()).contains(id);
            // And its folder holds params, status, events and log
            for (String f : List.of("params.json", "status.json", "events", "log")) {
                assertThat(ws.resolve("jobs").resolve(id).resolve(f)).isRegularFile();
            }
            // And the same stream read again after the end replays every event
            assertThat(events(s, id)).hasSameSizeAs(events);
        }
    }

    @Test
    void badJobsAre4xxAndAFullQueueIs503() throws Exception {
        // Given a server running one job at once with room for one waiting
        Path ws = workspace();
        try (TransfabServer s = ServerTestSupport.start(ws, Optional.empty(), 1, 1, 1)) {
            // When jobs with an unknown kind, an unknown option and a path out of the workspace are posted
            ServerTestSupport.Answer kind = post(s, "/api/v1/jobs", "application/json", "{\"kind\": \"dance\"}");
            ServerTestSupport.Answer option = post(s, "/api/v1/jobs", "application/json",
                    "{\"kind\": \"train\", \"params\": {\"data\": \"data/train.csv\", \"colour\": \"red\", "
                            + "\"out\": \"models/x\"}}");
            ServerTestSupport.Answer escape = post(s, "/api/v1/jobs", "application/json", trainJob("../outside"));
            // Then each is a 422 naming the problem
            assertThat(kind.status()).isEqualTo(422);
            assertThat(kind.json().get("detail").asText()).contains("dance");
            assertThat(option.status()).isEqualTo(422);
            assertThat(option.json().get("detail").asText()).contains("colour");
            assertThat(escape.status()).isEqualTo(422);
            assertThat(tmp.resolve("outside")).doesNotExist();
            // When three jobs are posted at once
            ServerTestSupport.Answer first = post(s, "/api/v1/jobs", "application/json", trainJob("models/a"));
            ServerTestSupport.Answer second = post(s, "/api/v1/jobs", "application/json", trainJob("models/b"));
            ServerTestSupport.Answer third = post(s, "/api/v1/jobs", "application/json", trainJob("models/c"));
            // Then the third finds the queue full, and the waiting second can be cancelled at once
            assertThat(first.status()).isEqualTo(201);
            assertThat(second.status()).isEqualTo(201);
            assertThat(third.status()).isEqualTo(503);
            assertThat(third.type()).startsWith(Problem.MEDIA_TYPE);
            String waiting = second.json().get("id").asText();
            ServerTestSupport.Answer cancelled = send(s, request(s, "/api/v1/jobs/" + waiting).DELETE());
            assertThat(cancelled.json().get("status").asText()).isIn("cancelled", "running");
            List<Event> end = events(s, waiting);
            assertThat(end.get(end.size() - 1).data().get("status").asText()).isEqualTo("cancelled");
            assertThat(events(s, first.json().get("id").asText()).get(0).id()).isEqualTo(1);
            assertThat(get(s, "/api/v1/jobs/nope").status()).isEqualTo(404);
            assertThat(get(s, "/api/v1/jobs/nope/events").status()).isEqualTo(404);
            assertThat(send(s, request(s, "/api/v1/jobs/nope").DELETE()).status()).isEqualTo(404);
        }
    }

    /** Posts a job, follows it to its end and returns the job as the API shows it then. */
    private static JsonNode runJob(TransfabServer s, String body) throws Exception {
        ServerTestSupport.Answer created = post(s, "/api/v1/jobs", "application/json", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        events(s, id);
        return get(s, "/api/v1/jobs/" + id).json();
    }

    private static String predictJob(String out) {
        return "{\"kind\": \"predict\", \"params\": {\"model\": \"models/gp\", \"data\": \"data/train.csv\", "
                + "\"out\": \"" + out + "\"}}";
    }

    @Test
    void aPredictJobReplacesItsOwnOutputButNotAFileOfTheUser() throws Exception {
        // Given a server over a workspace with a trained model and a CSV the user put there
        Path ws = workspace();
        Path mine = Files.writeString(Files.createDirectories(ws.resolve("out")).resolve("mine.csv"), "keep,me\n1,2\n");
        try (TransfabServer s = ServerTestSupport.start(ws, Optional.empty(), 1, 1, 4)) {
            assertThat(runJob(s, trainJob("models/gp")).get("status").asText()).isEqualTo("done");

            // When a predict job writes onto the user's file
            JsonNode refused = runJob(s, predictJob("out/mine.csv"));

            // Then the job fails with the one-line reason naming the file and --force, and the file stays
            assertThat(refused.get("status").asText()).isEqualTo("failed");
            assertThat(refused.toString()).contains("out/mine.csv").contains("--force");
            assertThat(Files.readString(mine)).isEqualTo("keep,me\n1,2\n");

            // When predict jobs write the same new output twice
            JsonNode first = runJob(s, predictJob("out/p.csv"));
            String csv = Files.readString(ws.resolve("out/p.csv"));
            JsonNode second = runJob(s, predictJob("out/p.csv"));

            // Then both are done, the second replaced the first's output (same bytes: same seed) and says so
            assertThat(first.get("status").asText()).isEqualTo("done");
            assertThat(second.get("status").asText()).isEqualTo("done");
            assertThat(Files.readString(ws.resolve("out/p.csv"))).isEqualTo(csv);
            String log = get(s, "/api/v1/jobs/" + second.get("id").asText() + "/files/log").body();
            assertThat(log).contains("replaced the previous predictions table at");
            // and the hidden marker is not among the tables the API lists
            assertThat(get(s, "/api/v1/data").body()).doesNotContain(".transfab");
        }
    }

    @Test
    void aJobRunningWhenTheServerStoppedIsInterruptedAfterARestart() throws Exception {
        // Given a job folder left by a server that was killed while the job ran
        Path ws = workspace();
        Path dir = Files.createDirectories(ws.resolve("jobs/20260101-000000-abcdef"));
        Files.writeString(dir.resolve("params.json"), "{\"id\": \"20260101-000000-abcdef\", \"kind\": \"train\", "
                + "\"params\": {\"data\": \"data/train.csv\", \"out\": \"models/k\"}, \"commandLine\": [\"./transfab\", "
                + "\"train\"], \"outputs\": [\"models/k\"], \"created\": \"2026-01-01T00:00:00Z\"}");
        Files.writeString(dir.resolve("status.json"), "{\"status\": \"running\", \"started\": "
                + "\"2026-01-01T00:00:01Z\"}");
        Files.writeString(dir.resolve("events"), "{\"seq\": 1, \"event\": \"log\", \"data\": {\"line\": \"x\"}}\n");
        Files.writeString(dir.resolve("log"), "x\n");
        // When a server starts over the workspace
        try (TransfabServer s = ServerTestSupport.start(ws, Optional.empty(), 1, 1, 1)) {
            // Then the job shows as interrupted, its stream ends so, and a train job does not resume
            JsonNode job = get(s, "/api/v1/jobs/20260101-000000-abcdef").json();
            assertThat(job.get("status").asText()).isEqualTo("interrupted");
            List<Event> events = events(s, "20260101-000000-abcdef");
            assertThat(events).extracting(Event::event).containsExactly("log", "end");
            assertThat(events.get(1).data().get("status").asText()).isEqualTo("interrupted");
            ServerTestSupport.Answer resume = post(s, "/api/v1/jobs/20260101-000000-abcdef/resume",
                    "application/json", "");
            assertThat(resume.status()).isEqualTo(409);
            assertThat(resume.json().get("detail").asText()).contains("only assess");
        }
        assertThat(Files.readString(dir.resolve("status.json"))).contains("interrupted");
    }
}
