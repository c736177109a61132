package io.transfab.sweep;

import java.io.Serializable;

/**
 * One unit of work of a sweep, as any executor ships it: its key (unique within the sweep, the
 * order results are aggregated in, and the only thing a task's seed derives from) and its
 * description (JSON the sweep's {@link SweepWorker} reads).
 */
public record SweepTask(String key, String spec) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SweepTask {
        if (key == null || key.isBlank() || spec == null) {
            throw new IllegalArgumentException("a sweep task needs a key and a description");
        }
    }
}
