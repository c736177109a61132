package io.transfab.server;

import java.io.IOException;

/** What the handlers of one server share: its options, workspace, model cache and jobs. */
final class Services implements AutoCloseable {
    /** Models kept loaded at once. */
    static final int MODEL_CACHE_SIZE = 16;

    private final ServerOptions options;
    private final Workspace workspace;
    private final ModelCache models;
    private final JobManager jobs;

    private Services(ServerOptions options, Workspace workspace) throws IOException {
        this.options = options;
        this.workspace = workspace;
        this.models = new ModelCache(workspace.models(), MODEL_CACHE_SIZE);
        this.jobs = new JobManager(workspace, options.jobs(), options.queue(), options.seed());
    }

    static Services open(ServerOptions options) throws IOException {
        return new Services(options, Workspace.open(options.workspace()));
    }

    JobManager jobs() {
        return jobs;
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

    /** Stops the jobs (a running one ends as interrupted). */
    @Override
    public void close() {
        jobs.close();
    }
}
