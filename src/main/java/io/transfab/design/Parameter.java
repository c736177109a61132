package io.transfab.design;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One factor of a design: a continuous or integer range (optionally on a grid {@code min + k*step})
 * or a categorical factor with named levels. Values of a categorical factor are level indices.
 *
 * @param step grid spacing, or NaN for none (integer parameters without a step use 1)
 * @param levels level names of a categorical parameter, empty otherwise
 */
public record Parameter(String name, ParameterType type, double min, double max, double step, List<String> levels) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("parameter name must not be empty");
        }
        levels = levels == null ? List.of() : List.copyOf(levels);
        if (type == ParameterType.CATEGORICAL) {
            if (levels.isEmpty()) {
                throw new IllegalArgumentException("categorical parameter needs at least one level");
            }
            if (new HashSet<>(levels).size() != levels.size()) {
                throw new IllegalArgumentException("levels must be distinct: " + levels);
            }
            min = 0;
            max = levels.size() - 1;
            step = 1;
        } else {
            if (!levels.isEmpty()) {
                throw new IllegalArgumentException("only categorical parameters have levels");
            }
            if (!Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("min and max must be finite numbers");
            }
            if (!(min < max)) {
                throw new IllegalArgumentException("min must be < max; got min " + min + ", max " + max);
            }
            if (type == ParameterType.INTEGER) {
                if (min != Math.rint(min) || max != Math.rint(max)) {
                    throw new IllegalArgumentException("integer parameter needs whole-number min and max");
                }
                if (Double.isNaN(step)) {
                    step = 1;
                }
                if (step != Math.rint(step)) {
                    throw new IllegalArgumentException("integer parameter needs a whole-number step; got " + step);
                }
            }
            if (!Double.isNaN(step) && !(step > 0 && step <= max - min)) {
                throw new IllegalArgumentException("step must be > 0 and <= max - min; got " + step);
            }
        }
    }

    public static Parameter continuous(String name, double min, double max) {
        return new Parameter(name, ParameterType.CONTINUOUS, min, max, Double.NaN, List.of());
    }

    public static Parameter stepped(String name, double min, double max, double step) {
        return new Parameter(name, ParameterType.CONTINUOUS, min, max, step, List.of());
    }

    public static Parameter integer(String name, long min, long max) {
        return new Parameter(name, ParameterType.INTEGER, min, max, Double.NaN, List.of());
    }

    public static Parameter categorical(String name, List<String> levels) {
        return new Parameter(name, ParameterType.CATEGORICAL, 0, 0, Double.NaN, levels);
    }

    public boolean isCategorical() {
        return type == ParameterType.CATEGORICAL;
    }

    /** Whether the parameter takes finitely many values (grid, integer or categorical). */
    public boolean isDiscrete() {
        return !Double.isNaN(step);
    }

    /** Number of values of a discrete parameter: {@code floor((max - min)/step) + 1}; 0 for a continuous one. */
    public int valueCount() {
        if (!isDiscrete()) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.floor((max - min) / step + 1e-9) + 1);
    }

    /** The k-th grid value {@code min + k*step}, computed in decimal so that 80 + 3*0.1 prints as 80.3. */
    double gridValue(int k) {
        if (isCategorical()) {
            return k;
        }
        return new BigDecimal(Double.toString(min))
                .add(new BigDecimal(Double.toString(step)).multiply(BigDecimal.valueOf(k))).doubleValue();
    }

    /**
     * Maps u in [0, 1) to a value: linearly for a continuous parameter, to the {@code floor(u*K)}-th of the
     * K grid values (or levels) otherwise, so that each value gets an equal share of [0, 1).
     */
    public double fromUnit(double u) {
        if (!isDiscrete()) {
            return Math.min(max, min + u * (max - min));
        }
        int k = valueCount();
        return gridValue(Math.min(k - 1, Math.max(0, (int) Math.floor(u * k))));
    }

    /** Snaps a value in [min, max] to the nearest allowed value (identity for a continuous parameter). */
    public double snap(double x) {
        if (!isDiscrete()) {
            return Math.max(min, Math.min(max, x));
        }
        long k = Math.round((x - min) / step);
        return gridValue((int) Math.max(0, Math.min(valueCount() - 1, k)));
    }

    /** Position of a value in [0, 1] ({@code (x - min)/(max - min)}); 0 for a one-level categorical. */
    public double toUnit(double x) {
        return max > min ? (x - min) / (max - min) : 0;
    }

    /** The CSV text of a value: the level name, a whole number, or a decimal with at most 10 significant digits. */
    public String format(double x) {
        if (isCategorical()) {
            return levels.get((int) x);
        }
        if (type == ParameterType.INTEGER) {
            return Long.toString(Math.round(x));
        }
        BigDecimal d = new BigDecimal(x).round(new MathContext(10)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
