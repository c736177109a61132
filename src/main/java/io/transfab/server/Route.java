package io.transfab.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One route of the API: method, path (OpenAPI's {@code {param}} template; a {@code <param>} matches
 * the rest of the path, slashes included) and its handler.
 */
record Route(HandlerType method, String path, Handler handler) {
    static Route get(String path, Handler h) {
        return new Route(HandlerType.GET, path, h);
    }

    static Route post(String path, Handler h) {
        return new Route(HandlerType.POST, path, h);
    }

    static Route delete(String path, Handler h) {
        return new Route(HandlerType.DELETE, path, h);
    }

    /** The path as the OpenAPI document writes it ({@code <p>} becomes {@code {p}}). */
    String openApiPath() {
        return path.replace('<', '{').replace('>', '}');
    }
}
