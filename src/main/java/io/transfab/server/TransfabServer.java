package io.transfab.server;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import io.transfab.data.DataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded web server of {@code transfab serve}: the API routes ({@link ApiRoutes}), the pages
 * ({@link Pages}), the token check ({@link Auth}) and the mapping of every failure to an
 * {@code application/problem+json} answer without a stack trace.
 */
public final class TransfabServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransfabServer.class);

    private final Javalin app;
    private final Services services;
    private final List<Route> routes;

    private TransfabServer(Javalin app, Services services, List<Route> routes) {
        this.app = app;
        this.services = services;
        this.routes = List.copyOf(routes);
    }

    /** Opens the workspace and starts listening; {@link #port()} tells where (with port 0, a free one). */
    public static TransfabServer start(ServerOptions options) throws IOException {
        Services services = Services.open(options);
        Auth auth = new Auth(options.token());
        List<Route> api = ApiRoutes.table(services, auth);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = options.maxUploadBytes();
            config.jetty.multipartConfig.maxFileSize(options.maxUploadMb(), SizeUnit.MB);
            config.jetty.multipartConfig.maxTotalRequestSize(options.maxUploadMb(), SizeUnit.MB);
            config.routes.before(ctx -> {
                if (!isPublic(ctx.path()) && !auth.allowed(ctx)) {
                    if (isApi(ctx.path())) {
                        throw Problem.unauthorized();
                    }
                    ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.path(),
                            java.nio.charset.StandardCharsets.UTF_8));
                    ctx.skipRemainingHandlers();
                }
            });
            for (Route r : api) {
                config.routes.addEndpoint(new Endpoint(r.method(), r.path(), r.handler()));
            }
            config.routes.post("/login", ctx -> login(ctx, auth));
            Pages.of(services.workspace().root()).register(config.routes);
            config.routes.exception(Problem.class, (e, ctx) -> problem(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx,
                    Problem.of(e.getStatus(), io.javalin.http.HttpStatus.forStatus(e.getStatus()).getMessage(),
                            e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> problem(ctx, fromException(e)));
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    problem(ctx, Problem.notFound("no route " + ctx.method() + " " + ctx.path()
                            + "; see /api/v1/openapi.json"));
                }
            });
        });
        app.start(options.bind(), options.port());
        return new TransfabServer(app, services, api);
    }

    /** The answer to an exception a handler did not turn into a {@link Problem} itself. */
    static Problem fromException(Exception e) {
        DataException data = find(e, DataException.class);
        if (data != null) {
            return Problem.unprocessable(oneLine(data.getMessage()));
        }
        LOG.error("internal error", e);
        return Problem.of(500, "Internal Server Error", "internal error (" + e.getClass().getSimpleName()
                + "); the server log has the details");
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = e; t != null && !seen.contains(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            seen.add(t);
        }
        return null;
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * {@code POST /login}: the login form's token; right, a session cookie and a redirect to {@code ?next}
     * (a path of this server only); wrong, back to the form with {@code error=1}.
     */
    private static void login(Context ctx, Auth auth) {
        String next = safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"));
        if (auth.matches(ctx.formParam("token"))) {
            auth.startSession(ctx);
            ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            ctx.redirect("/login?error=1&next=" + java.net.URLEncoder.encode(next,
                    java.nio.charset.StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    /** A redirect target after login: a path of this server, never another site. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }

    /** Paths anyone may open: the login page and the static files it needs. */
    static boolean isPublic(String path) {
        return path.equals("/login") || path.startsWith("/static/");
    }

    /** Whether a path belongs to the API or the pages' JSON routes (errors there are JSON, never a login page). */
    static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals("/invocations") || path.startsWith("/ui/");
    }

    private static void problem(Context ctx, Problem p) {
        try {
            ctx.status(p.status()).contentType(Problem.MEDIA_TYPE).result(Bodies.JSON.writeValueAsBytes(p.body()));
        } catch (IOException e) {
            ctx.status(p.status()).result(p.getMessage());
        }
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** The routes of the API, in the order of the route table. */
    List<Route> routes() {
        return routes;
    }

    /** Stops listening and stops the jobs (a running one is left as interrupted). */
    @Override
    public void close() {
        app.stop();
        services.close();
    }
}
