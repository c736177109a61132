package io.transfab.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.transfab.campaign.Campaign;
import io.transfab.data.CsvReader;
import io.transfab.data.CsvWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Campaigns under {@code WORKSPACE/campaigns/}: list, status (rounds, model versions, CV error per
 * version), a round's suggested experiments as CSV, and recording measured results through the same
 * {@link Campaign#record} as {@code campaign record} (validated, appended atomically). Requests on
 * one campaign run one at a time, as the CLI's commands on one directory do.
 */
final class CampaignRoutes {
    private static final String MANIFEST = "campaign.json";

    private final Services services;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    CampaignRoutes(Services services) {
        this.services = services;
    }

    /** {@code GET /api/v1/campaigns}. */
    void list(Context ctx) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(services.workspace().campaigns())) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (Workspace.isName(n) && Files.isRegularFile(p.resolve(MANIFEST))) {
                    names.add(n);
                }
            }
        }
        names.sort(null);
        ArrayNode campaigns = Bodies.JSON.createArrayNode();
        for (String n : names) {
            ObjectNode c = campaigns.addObject();
            c.put("name", n);
            c.put("path", "campaigns/" + n);
        }
        ObjectNode body = Bodies.JSON.createObjectNode();
        body.set("campaigns", campaigns);
        Bodies.json(ctx, body);
    }

    /** {@code GET /api/v1/campaigns/{name}}: {@code campaign status} as JSON. */
    void detail(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Path dir = dir(name);
        synchronized (lock(name)) {
            Campaign.Status s = Campaign.open(dir).status();
            ObjectNode body = Bodies.JSON.valueToTree(s);
            body.put("name", name);
            Bodies.json(ctx, body);
        }
    }

    /** {@code GET /api/v1/campaigns/{name}/rounds/{round}/suggestions}: the round's suggestions.csv. */
    void suggestions(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Path dir = dir(name);
        int round;
        try {
            round = Integer.parseInt(ctx.pathParam("round"));
        } catch (NumberFormatException e) {
            throw Problem.badRequest("round must be a number; got " + ctx.pathParam("round"));
        }
        Path file = dir.resolve("rounds").resolve("round-" + round).resolve("suggestions.csv");
        if (round < 1 || !Files.isRegularFile(file)) {
            throw Problem.notFound("campaign '" + name + "' has no round " + round);
        }
        synchronized (lock(name)) {
            Bodies.csv(ctx, name + "-round-" + round + ".csv", CsvWriter.toCsv(CsvReader.read(file)));
        }
    }

    /**
     * {@code POST /api/v1/campaigns/{name}/results}: a CSV of measured results (body or multipart
     * {@code file}), recorded as {@code campaign record --data} records it.
     */
    void record(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Path dir = dir(name);
        byte[] bytes = Bodies.isCsv(ctx) || !ctx.isMultipart() ? Bodies.bytes(ctx, services.options().maxUploadBytes())
                : multipart(ctx);
        String source = "results of campaign " + name;
        synchronized (lock(name)) {
            Campaign.Recorded r = Campaign.open(dir).record(CsvReader.parse(source, bytes));
            Bodies.json(ctx, Bodies.JSON.valueToTree(r));
        }
    }

    private byte[] multipart(Context ctx) throws IOException {
        long limit = services.options().maxUploadBytes();
        if (ctx.req().getContentLengthLong() > limit) {
            Bodies.bytes(ctx, limit);
        }
        io.javalin.http.UploadedFile f = ctx.uploadedFile("file");
        if (f == null) {
            throw Problem.badRequest("the multipart form has no 'file' field; send the CSV as field 'file'");
        }
        try (java.io.InputStream in = f.content()) {
            return in.readAllBytes();
        }
    }

    private Path dir(String name) {
        Path dir = Workspace.existingDir(services.workspace().campaigns(), name, "campaign");
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
            throw Problem.notFound("campaigns/" + name + " of the workspace is not a campaign (no " + MANIFEST + ")");
        }
        return dir;
    }

    private Object lock(String name) {
        return locks.computeIfAbsent(name, k -> new Object());
    }
}
