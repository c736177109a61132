package io.transfab.cli;

import io.transfab.workflow.Intervals;
import picocli.CommandLine.Option;

/**
 * {@code --level}: the coverage of the {@code <target>_lower}/{@code <target>_upper} columns that
 * predict, suggest and optimize write beside {@code _pred} and {@code _std} (see {@link Intervals}).
 */
final class IntervalOptions {
    @Option(names = "--level", defaultValue = "0.9", paramLabel = "L", description = "Coverage of the "
            + "<target>_lower/<target>_upper interval columns, in (0, 1): conformal (calibrated on the model's "
            + "out-of-fold residuals) when the model has a calibration, else normal-theory (default: "
            + "${DEFAULT-VALUE}). <target>_std is the calibrated std at 90 %% whatever L is.")
    double level;

    /** The level, checked: a value outside (0, 1) is bad input. */
    double level() {
        return Intervals.checkLevel(level);
    }
}
