package io.transfab.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.transfab.model.ModelJson;
import io.transfab.report.Html;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The HTML pages of the web application (server-rendered, CSS and scripts from {@code /static/});
 * the API routes are in {@link ApiRoutes}, the login form's POST in {@link TransfabServer}. Every page
 * but the login page requires the token when the server has one.
 */
public final class Pages {
    /** Classpath folder of the CSS and scripts. */
    static final String STATIC = "io/transfab/server/static/";
    private static final Pattern STATIC_NAME = Pattern.compile("[a-z][a-z0-9-]*\\.(css|js|svg|png)");

    private final Path workspace;

    private Pages(Path workspace) {
        this.workspace = workspace;
    }

    /** The pages of a server whose workspace is {@code workspace}. */
    public static Pages of(Path workspace) {
        return new Pages(workspace);
    }

    /** Adds the page routes and the static resources ({@code /static/NAME}). */
    public void register(RoutesConfig routes) {
        routes.get("/", this::home);
        routes.get("/login", ctx -> ctx.html(layout("Sign in", loginBody(ctx.queryParam("error") != null))));
        routes.get("/static/{file}", Pages::serveStatic);
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
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    private static String layout(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + " - transfab</title>\n"
                + "<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n<body>\n"
                + "<header><a class=\"brand\" href=\"/\">transfab</a></header>\n<main>\n" + body
                + "\n</main>\n</body>\n</html>\n";
    }

    private static String loginBody(boolean failed) {
        return "<h1>This server needs its access token</h1>\n"
                + (failed ? "<p class=\"error\">That token is not this server's token.</p>\n" : "")
                + "<form id=\"login-form\" method=\"post\" action=\"/login\">\n"
                + "<label for=\"token\">Token (from the server's token file)</label>\n"
                + "<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required>\n"
                + "<button type=\"submit\">Sign in</button>\n</form>\n"
                + "<script>const n = new URLSearchParams(location.search).get('next'); if (n) document.getElementById("
                + "'login-form').action = '/login?next=' + encodeURIComponent(n);</script>\n";
    }

    /** The start page: the workspace's models and tables. */
    private void home(Context ctx) throws IOException {
        StringBuilder b = new StringBuilder("<h1>transfab</h1>\n");
        b.append("<p>Workspace <code>").append(Html.escape(workspace.toString())).append("</code></p>\n");
        b.append("<h2>Models</h2>\n");
        list(b, entries(workspace.resolve("models"), true), "/api/v1/models/", "No models yet: put a model "
                + "directory under models/ of the workspace.");
        b.append("<h2>Tables</h2>\n");
        list(b, entries(workspace.resolve("data"), false), "/api/v1/data/", "No tables yet: upload one with "
                + "POST /api/v1/data.");
        b.append("<p><a href=\"/api/v1/openapi.json\">API description (OpenAPI 3)</a></p>\n");
        ctx.html(layout("Home", b.toString()));
    }

    private static void list(StringBuilder b, List<String> names, String href, String none) {
        if (names.isEmpty()) {
            b.append("<p>").append(Html.escape(none)).append("</p>\n");
            return;
        }
        b.append("<ul>\n");
        for (String n : names) {
            b.append("<li><a href=\"").append(href).append(Html.escape(n)).append("\">").append(Html.escape(n))
                    .append("</a></li>\n");
        }
        b.append("</ul>\n");
    }

    private static List<String> entries(Path dir, boolean models) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (Workspace.isName(n) && (models ? Files.isRegularFile(p.resolve(ModelJson.FILE))
                        : Files.isRegularFile(p))) {
                    names.add(n);
                }
            }
        }
        names.sort(null);
        return names;
    }
}
