package io.transfab.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route table of the REST API, top to bottom; each handler is a small method of the class of
 * its resource. {@code /api/v1/openapi.json} documents exactly these routes (checked by a test).
 */
final class ApiRoutes {
    /** Where the OpenAPI document lives on the class path. */
    static final String OPENAPI = "/io/transfab/server/openapi.json";

    private ApiRoutes() {
    }

    static List<Route> table(Services s, Auth auth) {
        ModelRoutes models = new ModelRoutes(s);
        DataRoutes data = new DataRoutes(s);
        CampaignRoutes campaigns = new CampaignRoutes(s);
        JobRoutes jobs = new JobRoutes(s);
        return List.of(
                Route.get("/api/v1/health", ctx -> health(ctx, s, auth)),
                Route.get("/api/v1/openapi.json", ApiRoutes::openApi),

                Route.get("/api/v1/models", models::list),
                Route.get("/api/v1/models/{name}", models::detail),
                Route.post("/api/v1/models/{name}/predict", models::predict),
                Route.post("/invocations", models::invocations),

                Route.get("/api/v1/data", data::list),
                Route.post("/api/v1/data", data::upload),
                Route.get("/api/v1/data/{name}", data::detail),

                Route.get("/api/v1/campaigns", campaigns::list),
                Route.get("/api/v1/campaigns/{name}", campaigns::detail),
                Route.get("/api/v1/campaigns/{name}/rounds/{round}/suggestions", campaigns::suggestions),
                Route.post("/api/v1/campaigns/{name}/results", campaigns::record),

                Route.get("/api/v1/jobs", jobs::list),
                Route.post("/api/v1/jobs", jobs::create),
                Route.get("/api/v1/jobs/{id}", jobs::detail),
                Route.delete("/api/v1/jobs/{id}", jobs::cancel),
                Route.get("/api/v1/jobs/{id}/events", jobs.events()),
                Route.post("/api/v1/jobs/{id}/resume", jobs::resume),
                Route.get("/api/v1/jobs/{id}/files/<path>", jobs::file));
    }

    /** {@code GET /api/v1/health}: up, the version, the workspace, whether a token is required. */
    static void health(Context ctx, Services s, Auth auth) throws IOException {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", "ok");
        String v = ApiRoutes.class.getPackage().getImplementationVersion();
        h.put("version", v == null ? "dev" : v);
        h.put("workspace", s.workspace().root().toString());
        h.put("tokenRequired", auth.required());
        h.put("modelsLoaded", s.models().size());
        Bodies.json(ctx, h);
    }

    /** {@code GET /api/v1/openapi.json}: the committed OpenAPI 3 document. */
    static void openApi(Context ctx) throws IOException {
        try (InputStream in = ApiRoutes.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI + " is missing from the jar");
            }
            ctx.contentType("application/json").result(in.readAllBytes());
        }
    }
}
