package io.transfab.design;

/** The relation of a linear constraint {@code a'x REL b}. */
public enum Comparison {
    LE("<="), GE(">="), LT("<"), GT(">");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /**
     * Whether {@code lhs REL rhs} holds. Non-strict relations allow a relative slack of 1e-9 so that a
     * grid value printed in decimal (e.g. 0.1 + 0.2) is not rejected for rounding; strict ones allow none.
     */
    public boolean holds(double lhs, double rhs, double scale) {
        double tol = 1e-9 * Math.max(1, scale);
        return switch (this) {
            case LE -> lhs <= rhs + tol;
            case GE -> lhs >= rhs - tol;
            case LT -> lhs < rhs;
            case GT -> lhs > rhs;
        };
    }
}
