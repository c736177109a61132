package io.transfab.server;

import io.transfab.data.DataException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How {@code transfab serve} runs.
 *
 * @param port          TCP port (0: any free one)
 * @param workspace     the directory of data, models, campaigns and jobs
 * @param bind          the address to listen on
 * @param token         the API token, if one is required
 * @param jobs          jobs running at once (the rest wait in the queue)
 * @param queue         jobs waiting at most; one more is a 503
 * @param maxUploadMb   largest request body in MiB
 * @param seed          the seed of jobs that do not name one
 */
public record ServerOptions(int port, Path workspace, String bind, Optional<String> token, int jobs, int queue,
        long maxUploadMb, long seed) {
    /** Jobs that may wait in the queue unless told otherwise. */
    public static final int DEFAULT_QUEUE = 32;

    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw DataException.option("--port must be in 0..65535; got " + port);
        }
        if (jobs < 1) {
            throw DataException.option("--jobs must be at least 1; got " + jobs);
        }
        if (queue < 0) {
            throw DataException.option("the job queue must hold at least 0 jobs; got " + queue);
        }
        if (maxUploadMb < 1) {
            throw DataException.option("--max-upload-mb must be at least 1; got " + maxUploadMb);
        }
        if (token.isPresent() && token.get().isBlank()) {
            throw DataException.option("the token file is empty; write a token into it (e.g. openssl rand -hex 32)");
        }
        java.util.Objects.requireNonNull(workspace, "workspace");
        java.util.Objects.requireNonNull(bind, "bind");
        if (token.isEmpty() && !isLoopback(bind)) {
            throw DataException.option("--bind " + bind + " is reachable from other machines; give --token-file "
                    + "so that only holders of the token can use the server (or bind to 127.0.0.1)");
        }
    }

    /** Whether {@code bind} names this machine only (127.0.0.0/8, ::1, localhost); an unknown host is bad input. */
    static boolean isLoopback(String bind) {
        try {
            return java.net.InetAddress.getByName(bind).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw DataException.option("--bind " + bind + " is not an address of this machine");
        }
    }

    /** The body limit in bytes. */
    public long maxUploadBytes() {
        return maxUploadMb * 1024 * 1024;
    }
}
