package io.transfab.server;

import java.io.IOException;

/** What the handlers of one server share: its options, workspace and model cache. */
final class Services implements AutoCloseable {
    /** Models kept loaded at once. */
    static final int MODEL_CACHE_SIZE = 16;

    private final ServerOptions options;
    private final Workspace workspace;
    private final ModelCache models;

    private Services(ServerOptions options, Workspace workspace) {
        this.options = options;
        this.workspace = workspace;
        this.models = new ModelCache(workspace.models(), MODEL_CACHE_SIZE);
    }

    static Services open(ServerOptions options) throws IOException {
        return new Services(options, Workspace.open(options.workspace()));
    }

    ServerOptions options() {
        return options;
    }

    Workspace workspace() {
        return workspace;
    }

    ModelCache models() {
        return models;
    }

    @Override
    public void close() {
    }
}
