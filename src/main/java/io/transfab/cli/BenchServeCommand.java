package io.transfab.cli;

import io.transfab.data.CsvReader;
import io.transfab.data.CsvWriter;
import io.transfab.data.Table;
import io.transfab.server.ServeBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code transfab bench serve}: throughput and latency of the prediction API next to the CLI's predict. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predictions per second and p50/p99 latency of POST /api/v1/models/NAME/predict on loopback "
                + "for 1-row and 1000-row requests with 1, 4 and 16 concurrent clients, next to the time of the CLI's "
                + "predict (a new JVM) on the same rows. Without --model it first trains an MLP ensemble of 5 on "
                + "simulated electrodes.")
final class BenchServeCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", description = "Model directory to serve (default: an MLP ensemble "
            + "of 5 trained on 300 simulated rows).")
    Path model;

    @Option(names = "--clients", split = ",", defaultValue = "1,4,16", description = "Concurrent clients (default: "
            + "${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--requests", defaultValue = "2000", description = "Measured 1-row requests per setting "
            + "(default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--batch-requests", defaultValue = "64", description = "Measured 1000-row requests per setting "
            + "(default: ${DEFAULT-VALUE}).")
    int batchRequests;

    @Option(names = "--out", defaultValue = "transfab-out/bench-serve", description = "Working directory: the "
            + "workspace, the rows and the CLI's predictions (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    CommonOptions common;

    private static final String FEATURES = "am_wt_pct,cb_binder_ratio,solid_content_wt_pct,comma_gap_um,"
            + "coating_speed_m_min,drying_temp_c,calender_line_load_n_mm";

    @Override
    public Integer call() throws Exception {
        Path ws = out.resolve("workspace");
        Files.createDirectories(ws.resolve("models"));
        Path served = ws.resolve("models").resolve("bench");
        if (!Files.exists(served)) {
            if (model != null) {
                Files.createSymbolicLink(served, model.toAbsolutePath());
            } else {
                Path train = out.resolve("train.csv");
                cli("simulate", "electrode", "--rows", "300", "--seed", Long.toString(common.seed), "--out",
                        train.toString(), "--quiet");
                System.out.println("Training an MLP ensemble of 5 on 300 simulated rows...");
                cli("train", "--data", train.toString(), "--model", "mlp", "--ensemble", "5", "--features", FEATURES,
                        "--targets", "porosity,density_g_cm3", "--out", served.toString(), "--seed",
                        Long.toString(common.seed), "--quiet");
            }
        }
        io.transfab.model.TrainedModel m = io.transfab.model.TrainedModel.load(served);
        List<String> features = m.schema().featureNames();
        Path rows = out.resolve("rows.csv");
        cli("simulate", "electrode", "--rows", "1000", "--seed", Long.toString(common.seed + 1), "--out",
                rows.toString(), "--quiet");
        Table t = CsvReader.read(rows);
        Path one = out.resolve("rows-1.csv");
        Files.writeString(one, CsvWriter.toCsv(t.select(new int[] {0})));
        List<ServeBenchmark.Body> bodies = List.of(new ServeBenchmark.Body(1, split(t, features, 1), requests),
                new ServeBenchmark.Body(1000, split(t, features, 1000), batchRequests));
        System.out.printf("Model %s (%s); %d clients settings; loopback, %d processors%n", served, m.method(),
                clients.size(), Runtime.getRuntime().availableProcessors());
        List<ServeBenchmark.Result> results = ServeBenchmark.run(ws, "bench", bodies, clients, 50);
        System.out.println("rows  clients  requests  predictions/s   p50 ms   p99 ms   max ms");
        for (ServeBenchmark.Result r : results) {
            System.out.printf(Locale.ROOT, "%4d  %7d  %8d  %13.1f  %7.2f  %7.2f  %7.2f%n", r.rows(), r.clients(),
                    r.requests(), r.predictionsPerSecond(), r.p50Millis(), r.p99Millis(), r.maxMillis());
        }
        for (Path data : List.of(one, rows)) {
            double s = cliPredictSeconds(served, data, out.resolve("cli-" + data.getFileName()));
            System.out.printf(Locale.ROOT, "CLI predict of %s (new JVM, start included): %.2f s%n", data.getFileName(),
                    s);
        }
        return 0;
    }

    private static void cli(String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        int status = Main.run(args, new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err));
        if (status != 0) {
            throw new IllegalStateException("transfab " + String.join(" ", args) + " failed: " + err);
        }
    }

    /** The rows' features as a split-orientation body (cells as written in the CSV). */
    private static String split(Table t, List<String> features, int rows) {
        StringBuilder b = new StringBuilder("{\"columns\": [");
        for (int j = 0; j < features.size(); j++) {
            b.append(j > 0 ? "," : "").append('"').append(features.get(j)).append('"');
        }
        b.append("], \"data\": [");
        for (int r = 0; r < rows; r++) {
            b.append(r > 0 ? "," : "").append('[');
            for (int j = 0; j < features.size(); j++) {
                b.append(j > 0 ? "," : "").append(t.cell(r, t.indexOf(features.get(j))));
            }
            b.append(']');
        }
        return b.append("]}").toString();
    }

    /** Wall time of {@code transfab predict} in a new JVM with this one's class path. */
    private static double cliPredictSeconds(Path model, Path data, Path predictions) throws IOException,
            InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "predict", "--model", model.toString(),
                "--data", data.toString(), "--out", predictions.toString()));
        Files.deleteIfExists(predictions);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("the CLI's predict failed on " + data);
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
