package io.transfab.data;

/**
 * Bad user input: names the file, the row and the column at fault and says what to do.
 * The CLI prints {@link #getMessage()} as one line and exits with status 2.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Longest cell or header text quoted whole in a message; longer ones are cut (hostile files). */
    private static final int QUOTE_LIMIT = 60;

    private DataException(String message) {
        super(oneLine(message), null, false, false);
    }

    /**
     * {@code text} in single quotes for a message: control characters escaped ({@code \n}, {@code \r},
     * {@code \t}, others as a backslash-u escape) so that the message stays one line, and text longer than 60
     * characters cut with "...".
     */
    public static String quote(String text) {
        String t = text == null ? "" : text;
        String cut = t.length() <= QUOTE_LIMIT ? t : t.substring(0, QUOTE_LIMIT - 3) + "...";
        return "'" + oneLine(cut) + "'";
    }

    /** The message with line breaks and other control characters escaped: the CLI prints exactly one line. */
    static String oneLine(String message) {
        StringBuilder sb = null;
        for (int i = 0; i < message.length(); i++) {
            char ch = message.charAt(i);
            boolean control = Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029';
            if (control && sb == null) {
                sb = new StringBuilder(message.length() + 8).append(message, 0, i);
            }
            if (sb == null) {
                continue;
            }
            if (!control) {
                sb.append(ch);
            } else if (ch == '\n') {
                sb.append("\\n");
            } else if (ch == '\r') {
                sb.append("\\r");
            } else if (ch == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\u%04x", (int) ch));
            }
        }
        return sb == null ? message : sb.toString();
    }

    /** A problem located at one cell (row is the 1-based line number in the file, header = 1). */
    public static DataException at(String file, int line, String column, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(", row ").append(line);
        }
        if (column != null) {
            sb.append(", column '").append(column).append('\'');
        }
        return new DataException(sb.append(": ").append(problem).toString());
    }

    /**
     * A value the user typed that is not allowed; {@code problem} names the option and the value, e.g.
     * "--epochs must be at least 1, got 0".
     */
    public static DataException option(String problem) {
        return new DataException(problem);
    }

    /** A problem that concerns a whole file or option. */
    public static DataException of(String file, String problem) {
        return new DataException((file == null ? "" : file + ": ") + problem);
    }
}
