package io.transfab.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.transfab.data.DataException;
import io.transfab.model.Json;
import io.transfab.report.Html;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The web application's pages (Data, Run, Results, Models, Campaigns and the token login): each page is
 * server-rendered HTML with a navigation bar and a small script that talks to the REST API under
 * {@code /api/v1}; the few things only pages need (a table's preview with default roles, saving its roles
 * file, a campaign's status and plot) are JSON routes under {@code /ui/}. Everything is served from the jar:
 * no CDN, no external URL.
 */
public final class Pages {
    /** Classpath folder of the CSS and scripts. */
    static final String STATIC = "io/transfab/server/static/";
    private static final Pattern STATIC_NAME = Pattern.compile("[a-z][a-z0-9-]*\\.(css|js|svg|png)");

    /** The pages in navigation order: path, title. */
    private static final List<String[]> NAV = List.of(
            new String[] {"/data", "Data"}, new String[] {"/run", "Run"}, new String[] {"/results", "Results"},
            new String[] {"/models", "Models"}, new String[] {"/campaigns", "Campaigns"});

    private final PageData data;

    private Pages(Path workspace) {
        this.data = PageData.of(workspace);
    }

    /** The pages of a server whose workspace is {@code workspace}. */
    public static Pages of(Path workspace) {
        return new Pages(workspace);
    }

    /** Adds the page routes, the static resources ({@code /static/NAME}) and the {@code /ui/} JSON routes. */
    public void register(RoutesConfig routes) {
        routes.get("/", page("Data", "data", Pages::dataBody)); // the start page is the Data page
        routes.get("/data", page("Data", "data", Pages::dataBody));
        routes.get("/run", page("Run", "run", Pages::runBody));
        routes.get("/results", page("Results", "results", Pages::resultsBody));
        routes.get("/models", page("Models", "models", Pages::modelsBody));
        routes.get("/campaigns", page("Campaigns", "campaigns", Pages::campaignsBody));
        routes.get("/login", ctx -> ctx.html(layout("Sign in", null, loginBody(), "login")));
        routes.get("/static/{file}", Pages::serveStatic);

        routes.get("/ui/data/{name}/roles", json(ctx -> data.roles(ctx.pathParam("name"))));
        routes.put("/ui/data/{name}/roles", json(ctx -> {
            Map<String, String> roles = readRoles(ctx);
            return Map.of("file", data.saveRoles(ctx.pathParam("name"), roles));
        }));
        routes.get("/ui/reports", json(ctx -> Map.of("reports", data.reports())));
        routes.get("/ui/files/<path>", ctx -> serveWorkspaceFile(ctx, ctx.pathParam("path")));
        routes.get("/ui/campaigns/{name}/plot.svg", ctx -> {
            String svg = data.campaignPlot(ctx.pathParam("name"));
            if (svg.isEmpty()) {
                ctx.status(204);
            } else {
                ctx.contentType("image/svg+xml").result(svg);
            }
        });
    }

    private static Map<String, String> readRoles(Context ctx) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(ctx.body());
        } catch (IOException e) {
            throw DataException.option("the roles must be a JSON object {\"roles\": {column: role}}");
        }
        JsonNode roles = root == null ? null : root.get("roles");
        if (roles == null || !roles.isObject()) {
            throw DataException.option("the roles must be a JSON object {\"roles\": {column: role}}");
        }
        return Json.MAPPER.convertValue(roles, new TypeReference<LinkedHashMap<String, String>>() { });
    }

    /** A route computing a value written as JSON. */
    @FunctionalInterface
    private interface JsonRoute {
        Object compute(Context ctx) throws Exception;
    }

    private static Handler json(JsonRoute route) {
        return ctx -> ctx.contentType("application/json").result(Json.MAPPER.writeValueAsString(route.compute(ctx)));
    }

    private static void serveStatic(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        InputStream in = STATIC_NAME.matcher(file).matches()
                ? Pages.class.getClassLoader().getResourceAsStream(STATIC + file) : null;
        if (in == null) {
            throw Problem.notFound("no static file " + file);
        }
        try (in) {
            String type = file.endsWith(".css") ? "text/css" : file.endsWith(".js") ? "text/javascript"
                    : file.endsWith(".svg") ? "image/svg+xml" : "image/png";
            ctx.contentType(type + (type.startsWith("text") ? "; charset=utf-8" : "")).header("Cache-Control",
                    "no-cache").result(in.readAllBytes());
        }
    }

    /**
     * A report or output file of the workspace ({@code reports/}, {@code jobs/}, {@code campaigns/},
     * {@code data/}), viewed inside the app; paths leaving those folders (.., links out) are refused.
     */
    private void serveWorkspaceFile(Context ctx, String relative) throws IOException {
        Path file = data.readable(relative);
        String name = file.getFileName().toString();
        String type = name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".svg") ? "image/svg+xml"
                : name.endsWith(".png") ? "image/png" : name.endsWith(".json") ? "application/json"
                : name.endsWith(".csv") ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
        ctx.contentType(type).header("X-Content-Type-Options", "nosniff");
        if (name.endsWith(".csv")) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"");
        }
        ctx.result(java.nio.file.Files.readAllBytes(file));
    }

    private static Handler page(String title, String script, java.util.function.Supplier<String> body) {
        return ctx -> ctx.html(layout(title, "/" + script, body.get(), script));
    }

    /** The common page: navigation bar (none on the login page, {@code active} null), main region, the scripts. */
    static String layout(String title, String active, String body, String script) {
        StringBuilder nav = new StringBuilder();
        for (String[] item : active == null ? List.<String[]>of() : NAV) {
            boolean current = item[0].equals(active);
            nav.append("<li><a href=\"").append(item[0]).append('"')
                    .append(current ? " aria-current=\"page\" class=\"current\"" : "").append('>')
                    .append(item[1]).append("</a></li>");
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · transfab</title>
                <link rel="icon" href="data:,">
                <link rel="stylesheet" href="/static/app.css">
                </head>
                <body>
                <header class="top"><a class="brand" href="/data">transfab</a>
                <nav aria-label="Main"><ul>%s</ul></nav></header>
                <main id="main">
                <h1>%s</h1>
                %s
                </main>
                <script src="/static/common.js"></script>
                <script src="/static/%s.js"></script>
                </body>
                </html>
                """.formatted(Html.escape(title), nav, Html.escape(title), body, script);
    }

    private static String dataBody() {
        return """
                <section aria-labelledby="upload-h">
                <h2 id="upload-h">Upload a table</h2>
                <div id="drop" class="drop" tabindex="0">
                <p>Drop a CSV file here, or choose one:</p>
                <label for="file">CSV file</label> <input type="file" id="file" accept=".csv,.tsv,.txt,text/csv">
                <label for="upload-name">Name in the workspace (optional)</label>
                <input type="text" id="upload-name" placeholder="same as the file" size="28">
                <button type="button" id="upload">Upload</button>
                </div>
                <p id="upload-message" class="message" role="status" aria-live="polite"></p>
                </section>
                <section aria-labelledby="tables-h">
                <h2 id="tables-h">Tables in the workspace</h2>
                <p><label for="table">Table</label> <select id="table"></select></p>
                <div id="preview"></div>
                </section>
                """;
    }

    private static String runBody() {
        return """
                <section aria-labelledby="new-h">
                <h2 id="new-h">New job</h2>
                <form id="job-form" class="grid-form">
                <label for="kind">Command</label>
                <select id="kind" name="kind">
                <option value="train">train a baseline</option>
                <option value="pretrain">pretrain</option>
                <option value="finetune">finetune</option>
                <option value="assess">assess</option>
                <option value="explain">explain</option>
                <option value="suggest">suggest</option>
                <option value="optimize">optimize</option>
                </select>
                <p class="hint" id="kind-hint"></p>
                <div id="fields" class="fields"></div>
                <label for="extra">More options (one <code>name=value</code> per line, as the CLI's long options)</label>
                <textarea id="extra" rows="2" placeholder="seed=1"></textarea>
                <div class="actions"><button type="submit" id="submit">Start job</button></div>
                </form>
                <p id="job-message" class="message" role="status" aria-live="polite"></p>
                </section>
                <section aria-labelledby="queue-h">
                <h2 id="queue-h">Queue</h2>
                <div id="jobs"></div>
                </section>
                """;
    }

    private static String resultsBody() {
        return """
                <section aria-labelledby="jobs-h">
                <h2 id="jobs-h">Jobs</h2>
                <div id="job-list"></div>
                <p><button type="button" class="secondary" id="refresh">Refresh</button></p>
                </section>
                <section aria-labelledby="wsr-h">
                <h2 id="wsr-h">Reports in the workspace</h2>
                <ul id="workspace-reports" class="inline-list"></ul>
                </section>
                <section aria-labelledby="report-h">
                <h2 id="report-h">Report</h2>
                <p id="report-message" class="hint">Choose a job's report above.</p>
                <iframe id="report" title="Job report" hidden></iframe>
                </section>
                """;
    }

    private static String modelsBody() {
        return """
                <div class="columns">
                <section aria-labelledby="list-h" class="side">
                <h2 id="list-h">Models</h2>
                <ul id="model-list" class="pick"></ul>
                </section>
                <div class="wide">
                <section aria-labelledby="prov-h">
                <h2 id="prov-h">Provenance</h2>
                <div id="provenance"><p class="hint">Choose a model.</p></div>
                </section>
                <section aria-labelledby="one-h">
                <h2 id="one-h">Predict one row</h2>
                <form id="predict-form" class="grid-form"><div id="predict-fields" class="fields"></div>
                <div class="actions"><button type="submit" id="predict">Predict</button></div></form>
                <div id="prediction" role="status" aria-live="polite"></div>
                </section>
                <section aria-labelledby="batch-h">
                <h2 id="batch-h">Batch prediction</h2>
                <p><label for="batch-file">CSV with the model's feature columns</label>
                <input type="file" id="batch-file" accept=".csv,text/csv">
                <button type="button" id="batch">Predict the file</button></p>
                <p id="batch-message" class="message" role="status" aria-live="polite"></p>
                <p><a id="batch-download" hidden download="predictions.csv" href="#">Download predictions CSV</a></p>
                </section>
                </div>
                </div>
                """;
    }

    private static String campaignsBody() {
        return """
                <div class="columns">
                <section aria-labelledby="clist-h" class="side">
                <h2 id="clist-h">Campaigns</h2>
                <ul id="campaign-list" class="pick"></ul>
                </section>
                <div class="wide">
                <section aria-labelledby="status-h">
                <h2 id="status-h">Status</h2>
                <div id="campaign-status"><p class="hint">Choose a campaign.</p></div>
                </section>
                <section aria-labelledby="plot-h">
                <h2 id="plot-h">CV error per model version</h2>
                <div id="campaign-plot" class="plot"></div>
                </section>
                <section aria-labelledby="record-h">
                <h2 id="record-h">Next experiments and measured results</h2>
                <p><a id="suggestions" hidden href="#">Download the suggested next experiments</a></p>
                <p><label for="results-file">Measured results (CSV)</label>
                <input type="file" id="results-file" accept=".csv,text/csv">
                <button type="button" id="record">Record results</button></p>
                <p id="record-message" class="message" role="status" aria-live="polite"></p>
                </section>
                </div>
                </div>
                """;
    }

    private static String loginBody() {
        return """
                <section aria-labelledby="login-h" class="narrow">
                <h2 id="login-h">This server needs its access token</h2>
                <form id="login-form" method="post" action="/login">
                <p><label for="token">Token (from the server's token file)</label><br>
                <input type="password" id="token" name="token" autocomplete="current-password" size="40" required></p>
                <p><button type="submit">Sign in</button></p>
                </form>
                <p id="login-message" class="message" role="status" aria-live="polite"></p>
                </section>
                """;
    }
}
