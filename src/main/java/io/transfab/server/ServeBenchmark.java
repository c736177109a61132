package io.transfab.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Predictions per second and latency of {@code POST /api/v1/models/{name}/predict} on loopback: a
 * server started in this JVM over a workspace, clients sending one request after another each, the
 * latency of every request measured from send to full answer.
 */
public final class ServeBenchmark {
    /** One measured setting. */
    public record Result(int rows, int clients, int requests, double seconds, double predictionsPerSecond,
            double p50Millis, double p99Millis, double maxMillis) {
    }

    private ServeBenchmark() {
    }

    /**
     * Runs {@code requests} requests of {@code body} (after {@code warmup} unmeasured ones) spread over
     * {@code clients} threads against model {@code model} of the server over {@code workspace}.
     */
    public static List<Result> run(Path workspace, String model, List<Body> bodies, List<Integer> clients,
            int warmup) throws IOException, InterruptedException {
        List<Result> results = new ArrayList<>();
        ServerOptions options = new ServerOptions(0, workspace, "127.0.0.1", Optional.empty(), 1, 0, 1024, 42);
        try (TransfabServer server = TransfabServer.start(options)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/models/" + model + "/predict");
            for (Body b : bodies) {
                for (int i = 0; i < warmup; i++) {
                    send(client, uri, b.json());
                }
                for (int c : clients) {
                    results.add(measure(client, uri, b, c));
                }
            }
        }
        return results;
    }

    /** A request body of {@code rows} rows, and how many requests of it to measure. */
    public record Body(int rows, String json, int requests) {
    }

    private static Result measure(HttpClient client, URI uri, Body b, int clients) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        int per = Math.max(1, b.requests() / clients);
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int k = 0; k < clients; k++) {
            futures.add(pool.submit(() -> {
                long[] lat = new long[per];
                for (int i = 0; i < per; i++) {
                    long t0 = System.nanoTime();
                    send(client, uri, b.json());
                    lat[i] = System.nanoTime() - t0;
                }
                return lat;
            }));
        }
        long[] all = new long[per * clients];
        int n = 0;
        try {
            for (Future<long[]> f : futures) {
                long[] lat = f.get();
                System.arraycopy(lat, 0, all, n, lat.length);
                n += lat.length;
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a benchmark request failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(all);
        return new Result(b.rows(), clients, all.length, seconds, (double) b.rows() * all.length / seconds,
                quantile(all, 0.50) / 1e6, quantile(all, 0.99) / 1e6, all[all.length - 1] / 1e6);
    }

    /** The nearest-rank quantile of sorted values: the smallest value with at least {@code q} of them at or below it. */
    static double quantile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void send(HttpClient client, URI uri, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("status " + r.statusCode() + ": " + r.body());
        }
    }
}
