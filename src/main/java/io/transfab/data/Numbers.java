package io.transfab.data;

/** Locale-independent number parsing for lab exports (decimal point or decimal comma). */
public final class Numbers {
    private Numbers() {
    }

    /**
     * Parses {@code text} as a double; returns NaN for anything that is not a number, including
     * an empty cell. Accepts "NaN", "inf", "-Infinity" spelled as Java or Python print them so
     * that callers can reject them with a specific message.
     */
    public static double parse(String text, boolean decimalComma) {
        if (text == null) {
            return Double.NaN;
        }
        String t = text.trim();
        if (t.isEmpty()) {
            return Double.NaN;
        }
        if (decimalComma) {
            t = t.replace(',', '.');
        }
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "inf": case "+inf": case "infinity": case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        char c = t.charAt(t.length() - 1);
        if (c == 'd' || c == 'D' || c == 'f' || c == 'F') {
            return Double.NaN; // Java would accept "1d"; a lab table would not mean a number
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** True if the text is a number or a spelled non-finite value (NaN, inf). */
    public static boolean isNumeric(String text, boolean decimalComma) {
        if (!Double.isNaN(parse(text, decimalComma))) {
            return true;
        }
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return t.equals("nan");
    }

    /** Formats a double for CSV output, round-trippable and locale-independent. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
