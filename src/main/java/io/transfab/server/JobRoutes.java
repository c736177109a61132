package io.transfab.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Jobs: queue one ({@code kind} = a CLI command, {@code params} = its long options without dashes),
 * list, show, cancel, resume, follow its events (server-sent events), and read the files it wrote
 * (its HTML reports, say).
 */
final class JobRoutes {
    /** Files of a job's outputs listed at most. */
    static final int MAX_FILES = 500;
    /** How long an event stream waits for the next event before checking that its client is still there. */
    private static final long WAIT_MILLIS = 1000;

    private final Services services;

    JobRoutes(Services services) {
        this.services = services;
    }

    /** {@code POST /api/v1/jobs}: 201 with the queued job. */
    void create(Context ctx) throws IOException {
        JsonNode body = Bodies.json(ctx, services.options().maxUploadBytes());
        JsonNode kind = body.get("kind");
        JsonNode params = body.path("params");
        if (kind == null || !kind.isTextual() || !(params.isObject() || params.isMissingNode())) {
            throw Problem.badRequest("expected {\"kind\": \"train\", \"params\": {\"data\": \"data/x.csv\", ...}}");
        }
        Map<String, String> p = new LinkedHashMap<>();
        for (var it = params.fields(); it.hasNext();) {
            var e = it.next();
            p.put(e.getKey(), text(e.getKey(), e.getValue()));
        }
        JobRecord r = services.jobs().submit(kind.asText(), p, null);
        Bodies.json(ctx, 201, r.view());
    }

    /** A parameter's value as the CLI would read it: text, a number, true/false, or a list joined with commas. */
    private static String text(String name, JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(text(name, i)));
            return String.join(",", items);
        }
        if (v.isValueNode() && !v.isNull()) {
            return v.asText();
        }
        throw Problem.badRequest("parameter '" + name + "' must be a string, number, boolean or list; got " + v);
    }

    /** {@code GET /api/v1/jobs}: newest first. */
    void list(Context ctx) throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        services.jobs().list().forEach(r -> all.add(r.view()));
        Bodies.json(ctx, Map.of("jobs", all));
    }

    /** {@code GET /api/v1/jobs/{id}}: the job and the files of its outputs. */
    void detail(Context ctx) throws IOException {
        JobRecord r = services.jobs().get(ctx.pathParam("id"));
        Map<String, Object> v = new LinkedHashMap<>(r.view());
        v.put("files", files(r));
        Bodies.json(ctx, v);
    }

    /** {@code DELETE /api/v1/jobs/{id}}. */
    void cancel(Context ctx) throws IOException {
        Bodies.json(ctx, services.jobs().cancel(ctx.pathParam("id")).view());
    }

    /** {@code POST /api/v1/jobs/{id}/resume}: 201 with the new job. */
    void resume(Context ctx) throws IOException {
        Bodies.json(ctx, 201, services.jobs().resume(ctx.pathParam("id")).view());
    }

    /** The event stream's handler: 404 for an unknown job before the stream starts, then {@link #events(SseClient)}. */
    Handler events() {
        SseHandler stream = new SseHandler(this::events);
        return ctx -> {
            services.jobs().get(ctx.pathParam("id"));
            stream.handle(ctx);
        };
    }

    /**
     * {@code GET /api/v1/jobs/{id}/events}: every event of the job from the first (or after the
     * {@code Last-Event-ID} a reconnecting browser sends), then new ones as they come, until {@code end}.
     */
    private void events(SseClient client) {
        Context ctx = client.ctx();
        JobRecord r = services.jobs().get(ctx.pathParam("id"));
        long seq = 0;
        String last = ctx.header("Last-Event-ID");
        if (last != null && last.matches("\\d{1,18}")) {
            seq = Long.parseLong(last);
        }
        try {
            while (!client.terminated()) {
                List<JobEvent> events = r.eventsAfter(seq, WAIT_MILLIS);
                for (JobEvent e : events) {
                    client.sendEvent(e.event(), Bodies.JSON.writeValueAsString(e.data()), Long.toString(e.seq()));
                    seq = e.seq();
                    if (e.event().equals("end")) {
                        return;
                    }
                }
                if (events.isEmpty()) {
                    client.sendComment("waiting");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            client.close();
        }
    }

    /**
     * {@code GET /api/v1/jobs/{id}/files/<path>}: a file inside one of the job's outputs ({@code path}
     * relative to the workspace, as the outputs are listed), or the job's own log.
     */
    void file(Context ctx) throws IOException {
        JobRecord r = services.jobs().get(ctx.pathParam("id"));
        String rel = ctx.pathParam("path");
        Path root = services.workspace().root();
        Path file = root.resolve(rel).normalize();
        boolean inside = false;
        for (String o : r.outputs()) {
            Path out = root.resolve(o).normalize();
            inside |= file.equals(out) || file.startsWith(out);
        }
        if (rel.equals(JobRecord.LOG) || rel.equals(JobRecord.EVENTS)) {
            file = r.dir().resolve(rel);
            inside = true;
        }
        if (!inside || !file.startsWith(root) || !Files.isRegularFile(file)
                || !file.toRealPath().startsWith(root)) {
            throw Problem.notFound("job " + r.id() + " has no file " + rel);
        }
        String type = Files.probeContentType(file);
        if (type == null) {
            type = file.toString().endsWith(".csv") ? "text/csv" : file.toString().endsWith(".json")
                    ? "application/json" : rel.equals(JobRecord.LOG) ? "text/plain" : "application/octet-stream";
        }
        try (InputStream in = Files.newInputStream(file)) {
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    /** Workspace-relative paths of the files in the job's outputs (at most {@value #MAX_FILES}). */
    private List<String> files(JobRecord r) throws IOException {
        Path root = services.workspace().root();
        List<String> files = new ArrayList<>();
        for (String o : r.outputs()) {
            Path out = root.resolve(o);
            if (Files.isRegularFile(out)) {
                files.add(o);
            } else if (Files.isDirectory(out)) {
                try (Stream<Path> s = Files.walk(out)) {
                    s.filter(Files::isRegularFile).sorted().limit(MAX_FILES - files.size())
                            .forEach(p -> files.add(root.relativize(p).toString()));
                }
            }
        }
        return files;
    }
}
