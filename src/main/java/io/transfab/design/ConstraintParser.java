package io.transfab.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses linear constraints such as {@code am_wt_pct + 0.5*cb_wt_pct - 2 <= 99 - binder_wt_pct}.
 * Grammar: {@code side REL side}, REL one of {@code <= >= < >}; a side is terms joined by + or -, a term is
 * {@code number}, {@code name}, {@code number * name} or {@code name * number}. Terms are collected on the
 * left and constants on the right. Errors are IllegalArgumentException with a readable reason.
 */
final class ConstraintParser {
    private final String text;
    private final List<String> tokens;
    private int pos;

    private ConstraintParser(String text, List<String> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    static LinearConstraint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty constraint");
        }
        ConstraintParser p = new ConstraintParser(text, tokenize(text));
        Map<String, Double> coef = new LinkedHashMap<>();
        double[] constant = {0};
        p.side(coef, constant, 1);
        Comparison rel = p.relation();
        p.side(coef, constant, -1);
        if (p.pos < p.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + p.tokens.get(p.pos) + "' after the right-hand side");
        }
        // sum(coef x) + constant REL 0  <=>  sum(coef x) REL -constant
        return new LinearConstraint(text.strip(), coef, rel, -constant[0] + 0.0);
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '<' || c == '>') {
                boolean eq = i + 1 < s.length() && s.charAt(i + 1) == '=';
                out.add(eq ? c + "=" : String.valueOf(c));
                i += eq ? 2 : 1;
            } else if (c == '+' || c == '-' || c == '*') {
                out.add(String.valueOf(c));
                i++;
            } else if (Character.isDigit(c) || c == '.') {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                        k++;
                    }
                    if (k < s.length() && Character.isDigit(s.charAt(k))) {
                        j = k;
                        while (j < s.length() && Character.isDigit(s.charAt(j))) {
                            j++;
                        }
                    }
                }
                out.add(s.substring(i, j));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "'");
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private Comparison relation() {
        String t = peek();
        for (Comparison c : Comparison.values()) {
            if (c.symbol().equals(t)) {
                pos++;
                return c;
            }
        }
        throw new IllegalArgumentException(t == null ? "missing comparison (<=, >=, < or >)"
                : "expected a comparison (<=, >=, < or >) but found '" + t + "'");
    }

    private void side(Map<String, Double> coef, double[] constant, double sign) {
        double s = 1;
        if ("+".equals(peek()) || "-".equals(peek())) {
            s = "-".equals(tokens.get(pos++)) ? -1 : 1;
        }
        term(coef, constant, sign * s);
        while ("+".equals(peek()) || "-".equals(peek())) {
            s = "-".equals(tokens.get(pos++)) ? -1 : 1;
            term(coef, constant, sign * s);
        }
    }

    private void term(Map<String, Double> coef, double[] constant, double sign) {
        String t = peek();
        if (t == null) {
            throw new IllegalArgumentException("expression ends where a term was expected");
        }
        double factor = 1;
        String name = null;
        if (isNumber(t)) {
            factor = number(t);
            pos++;
            if ("*".equals(peek())) {
                pos++;
                name = name();
            }
        } else {
            name = name();
            if ("*".equals(peek())) {
                pos++;
                String n = peek();
                if (n == null || !isNumber(n)) {
                    throw new IllegalArgumentException("products of parameters are not linear: '" + text + "'");
                }
                factor = number(n);
                pos++;
            }
        }
        if (name == null) {
            constant[0] += sign * factor;
        } else {
            coef.merge(name, sign * factor, Double::sum);
        }
    }

    private String name() {
        String t = peek();
        if (t == null || !(Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')) {
            throw new IllegalArgumentException(t == null ? "expression ends where a parameter name was expected"
                    : "expected a parameter name but found '" + t + "'");
        }
        pos++;
        return t;
    }

    private static boolean isNumber(String t) {
        return Character.isDigit(t.charAt(0)) || t.charAt(0) == '.';
    }

    private static double number(String t) {
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not a number");
        }
    }
}
