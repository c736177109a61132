package io.transfab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.data.AtomicOutput;
import io.transfab.workflow.Cancellation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One job and its folder {@code WORKSPACE/jobs/ID/}: {@code params.json} (kind, parameters, the
 * equivalent command line, outputs), {@code status.json}, {@code events} (one JSON event a line)
 * and {@code log} (the log lines). Its events are also kept in memory for the event streams, which
 * wait on this object for new ones.
 */
final class JobRecord {
    static final String PARAMS = "params.json";
    static final String STATUS = "status.json";
    static final String EVENTS = "events";
    static final String LOG = "log";

    private final String id;
    private final Path dir;
    private final String kind;
    private final Map<String, String> params;
    private final List<String> commandLine;
    private final List<String> outputs;
    private final Instant created;
    private final String resumeOf;
    private final Cancellation cancellation = Cancellation.create();
    private final List<JobEvent> events = new ArrayList<>();
    private JobStatus status;
    private Instant started;
    private Instant ended;
    private String message;

    private JobRecord(String id, Path dir, String kind, Map<String, String> params, List<String> commandLine,
            List<String> outputs, Instant created, String resumeOf) {
        this.id = id;
        this.dir = dir;
        this.kind = kind;
        this.params = Map.copyOf(params);
        this.commandLine = List.copyOf(commandLine);
        this.outputs = List.copyOf(outputs);
        this.created = created;
        this.resumeOf = resumeOf;
        this.status = JobStatus.QUEUED;
    }

    /** A new queued job, its folder written. */
    static JobRecord create(String id, Path dir, String kind, Map<String, String> params, List<String> commandLine,
            List<String> outputs, String resumeOf) throws IOException {
        JobRecord r = new JobRecord(id, dir, kind, params, commandLine, outputs, Instant.now(), resumeOf);
        Files.createDirectory(dir);
        ObjectNode p = Bodies.JSON.createObjectNode();
        p.put("id", id);
        p.put("kind", kind);
        p.set("params", Bodies.JSON.valueToTree(new java.util.TreeMap<>(params)));
        p.set("commandLine", Bodies.JSON.valueToTree(commandLine));
        p.set("outputs", Bodies.JSON.valueToTree(outputs));
        p.put("created", r.created.toString());
        p.put("resumeOf", resumeOf);
        AtomicOutput.writeString(dir.resolve(PARAMS), Bodies.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(p) + "\n");
        Files.createFile(dir.resolve(EVENTS));
        Files.createFile(dir.resolve(LOG));
        r.saveStatus();
        return r;
    }

    /**
     * A job read back from its folder after a restart; one that was queued or running when the server
     * stopped is {@link JobStatus#INTERRUPTED} now (and saved so).
     */
    static JobRecord load(Path dir) throws IOException {
        JsonNode p = Bodies.JSON.readTree(dir.resolve(PARAMS).toFile());
        Map<String, String> params = new LinkedHashMap<>();
        p.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        List<String> line = new ArrayList<>();
        p.path("commandLine").forEach(n -> line.add(n.asText()));
        List<String> outputs = new ArrayList<>();
        p.path("outputs").forEach(n -> outputs.add(n.asText()));
        JobRecord r = new JobRecord(p.path("id").asText(), dir, p.path("kind").asText(), params, line, outputs,
                Instant.parse(p.path("created").asText()), p.path("resumeOf").isTextual()
                        ? p.path("resumeOf").asText() : null);
        JsonNode s = Bodies.JSON.readTree(dir.resolve(STATUS).toFile());
        r.status = JobStatus.fromApiName(s.path("status").asText());
        r.started = s.path("started").isTextual() ? Instant.parse(s.path("started").asText()) : null;
        r.ended = s.path("ended").isTextual() ? Instant.parse(s.path("ended").asText()) : null;
        r.message = s.path("message").isTextual() ? s.path("message").asText() : null;
        for (String l : Files.readAllLines(dir.resolve(EVENTS), StandardCharsets.UTF_8)) {
            if (l.isBlank()) {
                continue;
            }
            JsonNode e = Bodies.JSON.readTree(l);
            Map<String, Object> data = Bodies.JSON.convertValue(e.path("data"),
                    new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
            r.events.add(new JobEvent(e.path("seq").asLong(), e.path("event").asText(), data));
        }
        if (!r.status.isFinal()) {
            r.finish(JobStatus.INTERRUPTED, "the server stopped while the job was " + r.status.apiName());
        }
        return r;
    }

    String id() {
        return id;
    }

    String kind() {
        return kind;
    }

    Map<String, String> params() {
        return params;
    }

    Path dir() {
        return dir;
    }

    List<String> outputs() {
        return outputs;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    synchronized JobStatus status() {
        return status;
    }

    /** Queued to running; false when it was cancelled while it waited. */
    synchronized boolean start() throws IOException {
        if (status != JobStatus.QUEUED) {
            return false;
        }
        status = JobStatus.RUNNING;
        started = Instant.now();
        saveStatus();
        return true;
    }

    /** Ends the job (once): saves the status, appends the {@code end} event and wakes the event streams. */
    synchronized void finish(JobStatus end, String why) throws IOException {
        if (status.isFinal()) {
            return;
        }
        status = end;
        message = why;
        ended = Instant.now();
        saveStatus();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", end.apiName());
        data.put("message", why);
        append("end", data);
    }

    /** Appends an event (and, for a log event, its line to the log file); wakes the event streams. */
    synchronized void append(String event, Map<String, Object> data) throws IOException {
        Map<String, Object> clean = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (v != null) {
                clean.put(k, v);
            }
        });
        JobEvent e = new JobEvent(events.size() + 1L, event, clean);
        events.add(e);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("seq", e.seq());
        line.put("event", event);
        line.put("data", clean);
        Files.writeString(dir.resolve(EVENTS), Bodies.JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        if (event.equals("log")) {
            Files.writeString(dir.resolve(LOG), clean.get("line") + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }
        notifyAll();
    }

    /**
     * The events after {@code seq}, waiting up to {@code waitMillis} for one when there is none yet and
     * the job has not ended.
     */
    synchronized List<JobEvent> eventsAfter(long seq, long waitMillis) throws InterruptedException {
        if (events.size() <= seq && !status.isFinal()) {
            wait(waitMillis);
        }
        return List.copyOf(events.subList((int) Math.min(seq, events.size()), events.size()));
    }

    private void saveStatus() throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", status.apiName());
        s.put("started", started == null ? null : started.toString());
        s.put("ended", ended == null ? null : ended.toString());
        s.put("message", message);
        AtomicOutput.writeString(dir.resolve(STATUS), Bodies.JSON.writeValueAsString(s) + "\n");
    }

    /** The API's view: id, kind, status, times, parameters, the command line, outputs, message. */
    synchronized Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("kind", kind);
        v.put("status", status.apiName());
        v.put("created", created.toString());
        v.put("started", started == null ? null : started.toString());
        v.put("ended", ended == null ? null : ended.toString());
        Instant until = ended != null ? ended : Instant.now();
        v.put("durationSeconds", started == null ? null : (until.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        v.put("params", new java.util.TreeMap<>(params));
        v.put("commandLine", commandLine);
        v.put("command", shellLine(commandLine));
        v.put("outputs", outputs);
        v.put("message", message);
        v.put("resumeOf", resumeOf);
        return v;
    }

    /** The command line as one line for a POSIX shell, arguments quoted where needed. */
    static String shellLine(List<String> args) {
        List<String> quoted = new ArrayList<>();
        for (String a : args) {
            quoted.add(a.matches("[A-Za-z0-9_./:=,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }
}
