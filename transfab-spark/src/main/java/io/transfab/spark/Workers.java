package io.transfab.spark;

import io.transfab.sweep.SweepJob;
import io.transfab.sweep.SweepWorker;

/**
 * The worker of the job an executor JVM runs now, rebuilt once per job rather than once per task
 * (rebuilding loads the pre-trained model). One entry: an executor serves one sweep at a time, and
 * a later job replaces it. The worker is read-only and thread-safe, as on local threads.
 */
final class Workers {
    private static String currentJob;
    private static SweepWorker current;

    private Workers() {
    }

    static synchronized SweepWorker of(SweepJob job) {
        if (current == null || !job.sha256().equals(currentJob)) {
            current = job.open();
            currentJob = job.sha256();
        }
        return current;
    }
}
