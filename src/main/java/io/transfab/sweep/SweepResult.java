package io.transfab.sweep;

import java.io.Serializable;

/**
 * What one task produced: its value (JSON the sweep reads back), or the one-line message of bad
 * input that stopped it. Bad input is a result, not an exception, so that no executor retries a
 * task that can only fail the same way again.
 *
 * @param badInput null, or the message of the {@link io.transfab.data.DataException} that stopped the task
 */
public record SweepResult(String key, String value, String badInput) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SweepResult {
        if ((value == null) == (badInput == null)) {
            throw new IllegalArgumentException("a sweep result has either a value or a bad-input message");
        }
    }

    public static SweepResult of(String key, String value) {
        return new SweepResult(key, value, null);
    }

    public static SweepResult badInput(String key, String message) {
        return new SweepResult(key, null, message);
    }
}
