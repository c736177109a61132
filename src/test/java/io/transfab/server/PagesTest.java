package io.transfab.server;

import static io.transfab.server.ServerTestSupport.get;
import static io.transfab.server.ServerTestSupport.request;
import static io.transfab.server.ServerTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages and their /ui routes over HTTP, without a browser (the browser walk is BrowserWalkTest). */
class PagesTest {
    private static final List<String> PAGES = List.of("/data", "/run", "/results", "/models", "/campaigns");
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @TempDir
    Path tmp;

    @Test
    void everyPageHasTheNavigationAndOnlyLocalAssetsThatExist() throws Exception {
        // Given a server
        try (TransfabServer s = ServerTestSupport.start(tmp.resolve("ws"), Optional.empty(), 5, 1, 4)) {
            for (String page : PAGES) {
                // When a page is opened
                ServerTestSupport.Answer a = get(s, page);
                // Then it is HTML with the five links, the current one marked, and every asset is served from the jar
                assertThat(a.status()).as(page).isEqualTo(200);
                assertThat(a.type()).startsWith("text/html");
                for (String p : PAGES) {
                    assertThat(a.body()).contains("href=\"" + p + "\"");
                }
                assertThat(a.body()).contains("href=\"" + page + "\" aria-current=\"page\"");
                Matcher m = ASSET.matcher(a.body());
                while (m.find()) {
                    String url = m.group(1);
                    assertThat(url).as(page + " asset").doesNotContain("://").doesNotStartWith("//");
                    if (url.startsWith("/static/")) {
                        assertThat(get(s, url).status()).as(url).isEqualTo(200);
                    }
                }
            }
            // And the scripts name no external URL either
            for (String script : List.of("common", "data", "run", "results", "models", "campaigns", "login")) {
                try (InputStream in = Pages.class.getResourceAsStream("/" + Pages.STATIC + script + ".js")) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(script)
                            .doesNotContain("http://").doesNotContain("https://");
                }
            }
        }
    }

    @Test
    void rolesRoundTripThroughTheUiRoutesAndBadRolesAre422() throws Exception {
        // Given a server with a table
        Path ws = tmp.resolve("ws");
        Files.createDirectories(ws.resolve("data"));
        Files.writeString(ws.resolve("data/t.csv"), "a,b,y\n1,2,3\n2,1,4\n3,3,5\n");
        try (TransfabServer s = ServerTestSupport.start(ws, Optional.empty(), 5, 1, 4)) {
            // When its roles are read, then saved, then saved with an unknown role
            ServerTestSupport.Answer defaults = get(s, "/ui/data/t.csv/roles");
            ServerTestSupport.Answer saved = send(s, request(s, "/ui/data/t.csv/roles").header("Content-Type",
                    "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                    "{\"roles\": {\"a\": \"feature\", \"b\": \"ignore\", \"y\": \"target\"}}")));
            ServerTestSupport.Answer bad = send(s, request(s, "/ui/data/t.csv/roles").header("Content-Type",
                    "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"roles\": {\"a\": \"boss\"}}")));
            ServerTestSupport.Answer missing = get(s, "/ui/data/nope.csv/roles");

            // Then the defaults name every column, the saved file is the CLI's roles file, and errors are problems
            assertThat(defaults.json().path("saved").asBoolean()).isFalse();
            assertThat(defaults.json().path("roles").path("y").asText()).isEqualTo("target");
            assertThat(saved.status()).isEqualTo(200);
            assertThat(Files.readString(ws.resolve("data/t.roles.yaml"))).contains("a: feature", "y: target");
            assertThat(get(s, "/ui/data/t.csv/roles").json().path("saved").asBoolean()).isTrue();
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.type()).startsWith("application/problem+json");
            assertThat(bad.json().path("detail").asText()).contains("unknown role 'boss'");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(Files.readString(ws.resolve("data/t.roles.yaml"))).doesNotContain("boss");
        }
    }

    @Test
    void savingRolesFromThePageKeepsTheCompositionsTheFileDeclares() throws Exception {
        // Given a table whose roles file declares a composition and one that switches detection off
        Path ws = tmp.resolve("ws");
        Files.createDirectories(ws.resolve("data"));
        Files.writeString(ws.resolve("data/t.csv"), "ni,mn,co,y\n0.5,0.3,0.2,3\n0.6,0.2,0.2,4\n0.4,0.4,0.2,5\n");
        Files.writeString(ws.resolve("data/t.roles.yaml"),
                "columns:\n  ni: feature\n  mn: feature\n  co: feature\n  y: target\ncompositions:\n  - [ni, mn, co]\n");
        Files.copy(ws.resolve("data/t.csv"), ws.resolve("data/u.csv"));
        Files.writeString(ws.resolve("data/u.roles.yaml"), "columns:\n  ni: feature\n  y: target\ncompositions: off\n");
        try (TransfabServer s = ServerTestSupport.start(ws, Optional.empty(), 5, 1, 4)) {
            // When the page saves new roles for both through its route
            ServerTestSupport.Answer t = send(s, request(s, "/ui/data/t.csv/roles").header("Content-Type",
                    "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                    "{\"roles\": {\"ni\": \"feature\", \"mn\": \"feature\", \"co\": \"feature\", \"y\": \"target\"}}")));
            ServerTestSupport.Answer u = send(s, request(s, "/ui/data/u.csv/roles").header("Content-Type",
                    "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                    "{\"roles\": {\"ni\": \"feature\", \"mn\": \"ignore\", \"y\": \"target\"}}")));

            // Then the roles are the new ones and each declaration is still there, as the CLI reads it
            assertThat(t.status()).isEqualTo(200);
            assertThat(u.status()).isEqualTo(200);
            io.transfab.data.ColumnRoles tr = io.transfab.data.ColumnRoles.read(ws.resolve("data/t.roles.yaml"));
            io.transfab.data.ColumnRoles ur = io.transfab.data.ColumnRoles.read(ws.resolve("data/u.roles.yaml"));
            assertThat(tr.compositionGroups()).containsExactly(List.of("ni", "mn", "co"));
            assertThat(ur.composition()).isEqualTo("off");
            assertThat(ur.roles().get("mn")).isEqualTo(io.transfab.data.ColumnRoles.Role.IGNORE);
        }
    }

    @Test
    void withATokenPagesRedirectToLoginAndUiRoutesAnswer401() throws Exception {
        // Given a server with a token
        try (TransfabServer s = ServerTestSupport.start(tmp.resolve("ws"), Optional.of("t0ken-for-pages"), 5, 1, 4)) {
            // When a page, the login page and a /ui route are requested without it
            ServerTestSupport.Answer page = get(s, "/models");
            ServerTestSupport.Answer login = get(s, "/login");
            ServerTestSupport.Answer ui = get(s, "/ui/reports");
            // Then the page sends the browser to the login form, which needs no token, and /ui is a 401 problem
            assertThat(page.status()).isIn(302, 303);
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.body()).contains("id=\"token\"", "type=\"password\"");
            assertThat(ui.status()).isEqualTo(401);
            assertThat(ui.type()).startsWith("application/problem+json");
        }
    }
}
