package io.transfab.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum constant with a command-line spelling. {@link #parse} is the one lookup every such enum
 * delegates to, so that all options accept the same input (case-insensitive, surrounding blanks
 * ignored) and reject unknown names with the same message listing the valid ones.
 */
public interface CliNamed {
    /** The name used on the command line and in saved files. */
    String cliName();

    /**
     * The constant of {@code type} whose {@link #cliName()} equals {@code text} ignoring case and
     * surrounding blanks.
     *
     * @param what how the message names the option, e.g. {@code "chemistry"} or {@code "--model"}
     * @throws DataException for an unknown or null name: "unknown WHAT 'TEXT'; choose one of A, B, C"
     */
    static <E extends Enum<E> & CliNamed> E parse(Class<E> type, String text, String what) {
        String n = text == null ? "" : text.trim();
        for (E e : type.getEnumConstants()) {
            if (e.cliName().equalsIgnoreCase(n)) {
                return e;
            }
        }
        throw DataException.option("unknown " + what + " '" + text + "'; choose one of " + names(type));
    }

    /** The CLI names of all constants of {@code type} in declaration order, joined by ", ". */
    static <E extends Enum<E> & CliNamed> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(CliNamed::cliName).collect(Collectors.joining(", "));
    }
}
