package io.transfab.model;

import io.transfab.data.DataException;
import io.transfab.data.Table;

/** Reads the domain labels (lab, line, equipment...) of a table's rows from a {@code --domain} column. */
public final class Domains {
    private Domains() {
    }

    /**
     * Row i's value of {@code column}, trimmed; a missing column or an empty cell is a
     * {@link DataException} naming the file (and row).
     */
    public static String[] labels(Table table, String column) {
        int c = table.indexOf(column);
        if (c < 0) {
            throw DataException.at(table.source(), 0, column, "domain column is missing; the model uses per-domain "
                    + "parts keyed by '" + column + "' (columns are: " + String.join(", ", table.names()) + ")");
        }
        String[] out = new String[table.rowCount()];
        for (int r = 0; r < out.length; r++) {
            String v = table.cell(r, c).trim();
            if (v.isEmpty()) {
                throw DataException.at(table.source(), table.line(r), column, "empty domain label; every row needs "
                        + "its domain (lab, line, equipment...)");
            }
            out[r] = v;
        }
        return out;
    }
}
