package io.transfab.bench;

/**
 * One timed phase and its baseline measured in the same run.
 *
 * @param phase           what was timed
 * @param seconds         its wall time
 * @param cpuSeconds      CPU time of the whole process during it (all threads; NaN where the JVM does not
 *                        report it): on a loaded machine the steadier figure
 * @param gflop           the arithmetic it needs (NaN where it is not counted), see {@link Flops}
 * @param baseline        what the phase is compared with
 * @param baselineSeconds the baseline's seconds (NaN when it could not run)
 */
public record PhaseTiming(String phase, double seconds, double cpuSeconds, double gflop, String baseline, double baselineSeconds) {
    /** Process CPU seconds so far (NaN where the JVM does not report them). */
    public static double processCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            return ns < 0 ? Double.NaN : ns / 1e9;
        }
        return Double.NaN;
    }

    /** seconds / baselineSeconds (NaN without a baseline). */
    public double ratio() {
        return seconds / baselineSeconds;
    }

    /** Achieved GFLOP/s as a share of {@code peak} (NaN where the arithmetic is not counted). */
    public double shareOf(Peak peak) {
        return gflop / seconds / peak.gflops();
    }
}
