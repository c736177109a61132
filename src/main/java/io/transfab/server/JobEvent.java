package io.transfab.server;

import java.util.Map;

/**
 * One server-sent event of a job: {@code progress} {done, total, label}, {@code log} {line} or
 * {@code end} {status, message}; {@code seq} numbers a job's events from 1 (the SSE id).
 */
record JobEvent(long seq, String event, Map<String, Object> data) {
    JobEvent {
        data = Map.copyOf(data);
    }
}
