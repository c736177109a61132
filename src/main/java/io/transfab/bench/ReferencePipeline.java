package io.transfab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/reference_pipeline.py} (PyTorch + scikit-learn), run on the tables the bench wrote
 * when {@code python3} (or the interpreter named by {@code --python} / {@code TRANSFAB_PYTHON}) with
 * torch and scikit-learn is installed. transfab never needs Python: when
 * the script, the interpreter or the packages are missing, {@link #run} says why and the bench
 * reports its own phases only.
 */
public final class ReferencePipeline {
    /** Longest the reference may take before it is stopped. */
    private static final long TIMEOUT_MINUTES = 60;

    private ReferencePipeline() {
    }

    /**
     * @param phaseSeconds the script's phase lines ("pretrain", "train gp", ..., "total")
     * @param note         why it did not run ("" when it ran)
     */
    public record Outcome(Map<String, Double> phaseSeconds, String note) {
        public Outcome {
            phaseSeconds = Map.copyOf(phaseSeconds);
        }

        public Optional<Double> seconds(String phase) {
            return Optional.ofNullable(phaseSeconds.get(phase));
        }
    }

    /** The script under the working directory, else under the folder holding the jar's target/. */
    public static Optional<Path> locate() {
        Path here = Path.of("bench", "reference_pipeline.py");
        if (Files.isRegularFile(here)) {
            return Optional.of(here.toAbsolutePath());
        }
        try {
            Path jar = Path.of(ReferencePipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            if (root != null && Files.isRegularFile(root.resolve(here))) {
                return Optional.of(root.resolve(here));
            }
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The interpreter when none is named: {@code $TRANSFAB_PYTHON}, else {@code python3} on the PATH. */
    public static String defaultPython() {
        String env = System.getenv("TRANSFAB_PYTHON");
        return env == null || env.isBlank() ? "python3" : env;
    }

    /**
     * Runs the script on {@code dir} (source.csv, target.csv) with the bench's protocol settings.
     *
     * @param python the interpreter (a name on the PATH or a path), e.g. {@link #defaultPython()}
     */
    public static Outcome run(String python, Path dir, List<Integer> sizes, int repeats, int ensemble) {
        Optional<Path> script = locate();
        if (script.isEmpty()) {
            return new Outcome(Map.of(), "bench/reference_pipeline.py not found");
        }
        try {
            Result probe = exec(List.of(python, "-c", "import torch, sklearn"), 5);
            if (probe.exit != 0) {
                return new Outcome(Map.of(), python + " with torch and scikit-learn is not installed (name another "
                        + "interpreter with --python or TRANSFAB_PYTHON)");
            }
            List<String> command = new ArrayList<>(List.of(python, script.get().toString(), dir.toString(),
                    "--sizes", String.join(",", sizes.stream().map(String::valueOf).toList()),
                    "--repeats", Integer.toString(repeats), "--ensemble", Integer.toString(ensemble)));
            Result r = exec(command, TIMEOUT_MINUTES);
            if (r.exit != 0) {
                return new Outcome(Map.of(), "the reference pipeline failed (exit " + r.exit + ")");
            }
            return new Outcome(phases(r.output), "");
        } catch (IOException e) {
            return new Outcome(Map.of(), python + " could not be started (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Map.of(), "interrupted");
        }
    }

    /** Lines "name   12.34 s" of the script's output. */
    static Map<String, Double> phases(String output) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String t = line.strip();
            if (!t.endsWith(" s")) {
                continue;
            }
            String body = t.substring(0, t.length() - 2).strip();
            int cut = body.lastIndexOf(' ');
            if (cut < 0) {
                continue;
            }
            try {
                out.put(body.substring(0, cut).strip(), Double.parseDouble(body.substring(cut + 1)));
            } catch (NumberFormatException e) {
                // a line of another kind that happens to end in " s"
            }
        }
        return out;
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(List<String> command, long timeoutMinutes) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] bytes;
        try (var in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(-1, "");
        }
        return new Result(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
    }
}
