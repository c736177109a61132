package io.transfab.server;

import static io.transfab.server.ServerTestSupport.request;
import static io.transfab.server.ServerTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transfab.cli.Main;
import io.transfab.data.DataException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token: required on every route but the login page, as Bearer header or session cookie. */
class ServerAuthTest {
    @TempDir
    Path tmp;

    @Test
    void apiCallsNeedTheBearerTokenAndPagesTheLoginCookie() throws Exception {
        // Given a server with a token
        try (TransfabServer s = ServerTestSupport.start(tmp.resolve("ws"), Optional.of("s3cret-token"), 1, 1, 1)) {
            HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            // When the API is called without, with a wrong and with the right token
            ServerTestSupport.Answer none = ServerTestSupport.get(s, "/api/v1/models");
            ServerTestSupport.Answer wrong = send(s, request(s, "/api/v1/models").header("Authorization",
                    "Bearer s3cret-tokem"));
            ServerTestSupport.Answer right = send(s, request(s, "/api/v1/models").header("Authorization",
                    "Bearer s3cret-token"));
            // Then only the right token gets through; the others are 401 problem+json
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.type()).startsWith(Problem.MEDIA_TYPE);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(right.status()).isEqualTo(200);
            assertThat(ServerTestSupport.get(s, "/invocations").status()).isEqualTo(401);

            // When a browser opens a page, logs in wrongly, then rightly
            HttpResponse<String> page = noRedirects.send(request(s, "/").build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> bad = noRedirects.send(form(s, "token=nope&next=%2F"),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> good = noRedirects.send(form(s, "token=s3cret-token&next=%2Fdata"),
                    HttpResponse.BodyHandlers.ofString());
            // Then the page sends it to the login form, the wrong token back to it, the right one gets a cookie
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElse("")).startsWith("/login?next=");
            assertThat(bad.statusCode()).isEqualTo(303);
            assertThat(bad.headers().firstValue("Location").orElse("")).startsWith("/login?error=1");
            assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(good.statusCode()).isEqualTo(303);
            assertThat(good.headers().firstValue("Location")).contains("/data");
            String cookie = good.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith(Auth.COOKIE + "=").containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Strict");
            // And with the cookie pages and the API answer
            String session = cookie.substring(0, cookie.indexOf(';'));
            assertThat(send(s, request(s, "/").header("Cookie", session)).status()).isEqualTo(200);
            assertThat(send(s, request(s, "/api/v1/health").header("Cookie", session)).status()).isEqualTo(200);
            assertThat(send(s, request(s, "/api/v1/health").header("Cookie", Auth.COOKIE + "=forged")).status())
                    .isEqualTo(401);
            // And the login page itself needs no token
            assertThat(ServerTestSupport.get(s, "/login").status()).isEqualTo(200);
        }
    }

    private static HttpRequest form(TransfabServer s, String body) {
        return request(s, "/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void bindingBeyondLoopbackWithoutATokenRefusesToStart() throws Exception {
        // When the server is asked to listen on every address without a token file
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"serve", "--bind", "0.0.0.0", "--port", "0", "--workspace",
            tmp.resolve("ws").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        // Then it exits 2 with one line saying why, and created nothing
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--token-file").doesNotContain("\tat ");
        assertThat(tmp.resolve("ws")).doesNotExist();
        assertThatThrownBy(() -> new ServerOptions(0, tmp, "0.0.0.0", Optional.empty(), 1, 1, 1, 1))
                .isInstanceOf(DataException.class);
        // And an empty token file is refused too
        Path empty = Files.writeString(tmp.resolve("token"), "\n");
        int emptyStatus = Main.run(new String[] {"serve", "--token-file", empty.toString(), "--port", "0",
            "--workspace", tmp.resolve("ws2").toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        assertThat(emptyStatus).isEqualTo(2);
    }
}
