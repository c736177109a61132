package io.transfab.cli;

import io.transfab.model.Progress;
import java.io.PrintStream;

/**
 * A text progress bar on standard error. On a terminal it redraws one line; in a log (CI, pipes)
 * it prints a line every quarter so that logs stay short.
 */
final class ProgressBar implements Progress {
    private static final int WIDTH = 28;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private final boolean enabled;
    private long lastDraw;
    private int lastQuarter = -1;
    private double lastFraction;
    private String lastTask = "";
    private boolean open;

    ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
        this.interactive = System.console() != null;
    }

    @Override
    public synchronized void update(String task, int done, int total) {
        if (!enabled || total <= 0) {
            return;
        }
        double frac = Math.min(1.0, Math.max(0.0, done / (double) total));
        if (!task.equals(lastTask)) {
            if (interactive) {
                finishLine();
            }
            lastTask = task;
        }
        if (done == 0 || frac < lastFraction) {
            lastQuarter = -1; // a new phase starts
        }
        lastFraction = frac;
        if (interactive) {
            long now = System.nanoTime();
            if (done < total && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            out.print("\r" + render(task, frac, done, total));
            open = true;
            if (done >= total) {
                finishLine();
            }
        } else {
            int quarter = (int) Math.floor(frac * 4);
            if (quarter != lastQuarter) {
                lastQuarter = quarter;
                out.println(render(task, frac, done, total));
            }
        }
        out.flush();
    }

    private static String render(String task, double frac, int done, int total) {
        int filled = (int) Math.round(frac * WIDTH);
        return String.format("[%s%s] %3d%%  %s (%d/%d)", "#".repeat(filled), "-".repeat(WIDTH - filled),
                (int) Math.round(frac * 100), task, done, total);
    }

    /** Ends the current bar line, if one is open. */
    synchronized void finishLine() {
        if (open) {
            out.println();
            open = false;
        }
    }
}
