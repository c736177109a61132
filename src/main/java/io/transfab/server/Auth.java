package io.transfab.server;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token check of a server started with {@code --token-file}: API clients send
 * {@code Authorization: Bearer TOKEN}; a browser logs in once at {@code /login} and then carries a
 * session cookie (HttpOnly, SameSite=Strict). Tokens are compared in constant time. Without a token
 * every request passes (the server then listens on loopback only, see {@link ServerOptions}).
 */
final class Auth {
    /** Name of the session cookie. */
    static final String COOKIE = "transfab_session";

    private final Optional<byte[]> token;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    Auth(Optional<String> token) {
        this.token = token.map(t -> t.strip().getBytes(StandardCharsets.UTF_8));
    }

    boolean required() {
        return token.isPresent();
    }

    /** Whether {@code candidate} is the token (constant time in the candidate's content). */
    boolean matches(String candidate) {
        return token.isEmpty() || candidate != null
                && MessageDigest.isEqual(token.get(), candidate.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the request carries the token (Bearer header) or a session cookie of a login. */
    boolean allowed(Context ctx) {
        if (token.isEmpty()) {
            return true;
        }
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return matches(header.substring(7));
        }
        String session = ctx.cookie(COOKIE);
        return session != null && sessions.contains(session);
    }

    /** Starts a session for a browser that gave the token and sets its cookie. */
    void startSession(Context ctx) {
        byte[] id = new byte[32];
        random.nextBytes(id);
        String value = HexFormat.of().formatHex(id);
        sessions.add(value);
        Cookie cookie = new Cookie(COOKIE, value, "/", -1, false, true, null, SameSite.STRICT);
        ctx.cookie(cookie);
    }
}
