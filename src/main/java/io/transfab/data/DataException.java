package io.transfab.data;

/**
 * Bad user input: names the file, the row and the column at fault and says what to do.
 * The CLI prints {@link #getMessage()} as one line and exits with status 2.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private DataException(String message) {
        super(message, null, false, false);
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
