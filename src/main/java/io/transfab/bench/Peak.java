package io.transfab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine's theoretical double-precision peak: cores x clock x FLOP per cycle, where FLOP per
 * cycle is 16 with AVX2 and FMA (two 256-bit fused multiply-add pipes: 2 x 4 lanes x 2 FLOP, as on
 * AMD Zen 2-4 and Intel since Haswell; Zen 4 runs AVX-512 as two 256-bit halves, so no more), 8 with
 * AVX only and 4 otherwise. The clock and the flags come from /proc/cpuinfo (Linux); elsewhere the
 * peak is unknown (NaN).
 *
 * @param cores         processors the JVM sees
 * @param ghz           clock of the first processor listed, GHz
 * @param flopsPerCycle double-precision FLOP per core and cycle
 * @param how           how the figures were found, for the report
 */
public record Peak(int cores, double ghz, int flopsPerCycle, String how) {
    /** Peak in GFLOP/s (NaN when unknown). */
    public double gflops() {
        return cores * ghz * flopsPerCycle;
    }

    /** Reads /proc/cpuinfo. */
    public static Peak detect() {
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return new Peak(cores, Double.NaN, 0, "unknown (no /proc/cpuinfo)");
        }
        double mhz = Double.NaN;
        String flags = "";
        String model = "";
        for (String line : lines) {
            String[] kv = line.split(":", 2);
            if (kv.length < 2) {
                continue;
            }
            String key = kv[0].trim();
            String value = kv[1].trim();
            if (key.equals("cpu MHz") && Double.isNaN(mhz)) {
                try {
                    mhz = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    mhz = Double.NaN;
                }
            } else if (key.equals("flags") && flags.isEmpty()) {
                flags = " " + value + " ";
            } else if (key.equals("model name") && model.isEmpty()) {
                model = value;
            }
        }
        boolean fma = flags.contains(" fma ") && flags.contains(" avx2 ");
        int perCycle = fma ? 16 : flags.contains(" avx ") ? 8 : 4;
        return new Peak(cores, mhz / 1000, perCycle, String.format(Locale.ROOT,
                "%d cores x %.2f GHz (cpu MHz of %s) x %d FLOP/cycle (%s)", cores, mhz / 1000,
                model.isEmpty() ? "the CPU" : model, perCycle,
                fma ? "AVX2 + FMA: 2 pipes x 4 doubles x 2" : perCycle == 8 ? "AVX" : "SSE2"));
    }
}
