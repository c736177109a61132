package io.transfab.data;

/** Locale-independent number parsing for lab exports (decimal point or decimal comma). */
public final class Numbers {
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]");
    private static final java.util.regex.Pattern NON_ASCII_NUMBER =
            java.util.regex.Pattern.compile("[-+]?\\p{Nd}*[.,\u066b]?\\p{Nd}+([eE][-+]?\\p{Nd}+)?");

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
        if (t.indexOf('x') >= 0 || t.indexOf('X') >= 0) {
            return Double.NaN; // nor a hexadecimal float such as "0x1p3"
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Why a cell is not a finite number, for a message that names it: empty, too large for a
     * double (e.g. {@code 1e309}, which {@link #parse} reads as infinity), written with non-ASCII
     * digits (e.g. {@code ١٢٣}, which is text, not a number), NaN or infinity, or no number at all.
     */
    public static String whyNotFinite(String text, boolean decimalComma) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return "empty cell";
        }
        String quoted = DataException.quote(t);
        double v = parse(t, decimalComma);
        if (Double.isInfinite(v) && DIGITS.matcher(t).find()) {
            return quoted + " is too large for a double (beyond \u00b11.8e308)";
        }
        if (hasNonAsciiDigits(t)) {
            return quoted + " is written with non-ASCII digits; write numbers with 0-9";
        }
        return quoted + " is not a finite number";
    }

    /**
     * Whether the text would be a number if its digits were ASCII ({@code ١٢٣}, {@code １.５}): such
     * cells are neither numbers nor categories, and the schema refuses them.
     */
    public static boolean hasNonAsciiDigits(String text) {
        // the length cap keeps the backtracking regex linear on hostile cells (a megabyte of digits)
        return text != null && text.length() <= 100
                && text.chars().anyMatch(ch -> Character.isDigit(ch) && (ch < '0' || ch > '9'))
                && NON_ASCII_NUMBER.matcher(text.trim()).matches();
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
