package io.transfab.cli;

import io.transfab.data.DataException;
import io.transfab.server.ServerOptions;
import io.transfab.server.TransfabServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code transfab serve}: the web application and prediction service over a workspace directory. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve the web application and the REST API (/api/v1, described at /api/v1/openapi.json) "
                + "over a workspace of data, models, campaigns and jobs, until stopped with Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one "
            + "(default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--workspace", defaultValue = "transfab-workspace", paramLabel = "DIR", description = "Directory "
            + "of data/, models/NAME/, campaigns/NAME/ and jobs/ID/, ordinary transfab files the CLI reads too; "
            + "created when missing (default: ${DEFAULT-VALUE}/).")
    Path workspace;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "Address to "
            + "listen on; any other than loopback needs --token-file (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the token that API calls "
            + "send as 'Authorization: Bearer TOKEN' and the pages ask for once.")
    Path tokenFile;

    @Option(names = "--jobs", defaultValue = "1", description = "Jobs running at once; the rest wait in the "
            + "queue (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--max-upload-mb", defaultValue = "50", paramLabel = "MB", description = "Largest request body "
            + "(uploads, predictions) in MB; a larger one is refused with 413 (default: ${DEFAULT-VALUE}).")
    long maxUploadMb;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        ServerOptions options = new ServerOptions(port, workspace, bind, token(), jobs, ServerOptions.DEFAULT_QUEUE,
                maxUploadMb, common.seed);
        TransfabServer server = TransfabServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "transfab-serve-shutdown"));
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        System.out.printf("transfab serving %s on http://%s:%d/ (API: /api/v1, Ctrl-C stops)%n",
                workspace.toAbsolutePath().normalize(), host, server.port());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private Optional<String> token() {
        if (tokenFile == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            throw DataException.of(tokenFile.toString(), "file not found; check the path of --token-file");
        } catch (IOException e) {
            throw DataException.of(tokenFile.toString(), "cannot be read (" + e.getMessage() + ")");
        }
    }
}
