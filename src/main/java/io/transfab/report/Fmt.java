package io.transfab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Locale-independent number formatting for plot annotations and tick labels. */
final class Fmt {
    private Fmt() {
    }

    /** {@code v} rounded to {@code digits} significant digits, plain notation for moderate magnitudes. */
    static String sig(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "n/a" : (v > 0 ? "inf" : "-inf");
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    }

    /** {@code v} with a fixed number of decimals, "n/a" when not finite. */
    static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "n/a";
    }

    /** Compact SVG coordinate: at most two decimals, no trailing zeros. */
    static String coord(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        long scaled = Math.round(v * 100.0);
        if (scaled % 100 == 0) {
            return Long.toString(scaled / 100);
        }
        String s = BigDecimal.valueOf(scaled, 2).stripTrailingZeros().toPlainString();
        return s;
    }
}
