package io.transfab.server;

import java.util.Locale;

/** Where a job stands; the last four are final. */
enum JobStatus {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED, INTERRUPTED;

    /** The name the API uses ("queued", ...). */
    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobStatus fromApiName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
