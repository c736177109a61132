package io.transfab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed OpenAPI document describes exactly the server's route table. */
class OpenApiDocumentTest {
    @TempDir
    Path tmp;

    @Test
    void everyRouteIsDocumentedAndNothingElse() throws Exception {
        // Given the route table of a running server and the document it serves
        Set<String> routes = new TreeSet<>();
        String served;
        try (TransfabServer server = ServerTestSupport.start(tmp.resolve("ws"), Optional.empty(), 1, 1, 1)) {
            server.routes().forEach(r -> routes.add(r.method().name() + " " + r.openApiPath()));
            served = ServerTestSupport.get(server, "/api/v1/openapi.json").body();
        }
        JsonNode doc;
        try (InputStream in = ApiRoutes.class.getResourceAsStream(ApiRoutes.OPENAPI)) {
            doc = Bodies.JSON.readTree(in);
        }
        // When the document's operations are listed
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(
                m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        // Then they are the routes, one for one, the served document is the committed one, and it is OpenAPI 3
        assertThat(documented).isEqualTo(routes);
        assertThat(routes).contains("POST /api/v1/models/{name}/predict", "GET /api/v1/jobs/{id}/events");
        assertThat(Bodies.JSON.readTree(served)).isEqualTo(doc);
        assertThat(doc.get("openapi").asText()).startsWith("3.");
    }
}
