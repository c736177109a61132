package io.transfab.design;

import io.transfab.data.DataException;
import java.util.Locale;
import java.util.Objects;

/**
 * One term of an inverse-design objective: {@code target:Y=V}, {@code max:Y} or {@code min:Y}.
 *
 * @param value the wanted value for {@link Kind#TARGET}, NaN otherwise
 */
public record ObjectiveTerm(Kind kind, String target, double value) {
    /** Direction of a term. */
    public enum Kind {
        TARGET, MAX, MIN
    }

    public ObjectiveTerm {
        Objects.requireNonNull(kind, "kind");
        target = target == null ? "" : target.strip();
        if (target.isEmpty()) {
            throw DataException.option(kind.name().toLowerCase(Locale.ROOT) + " term needs a target column");
        }
        if (kind == Kind.TARGET && !Double.isFinite(value)) {
            throw DataException.option("target:" + target + " needs a finite value");
        }
        if (kind != Kind.TARGET) {
            value = Double.NaN;
        }
    }

    /** Parses one term: {@code target:Y=V}, {@code max:Y} / {@code maximize:Y}, {@code min:Y} / {@code minimize:Y}. */
    public static ObjectiveTerm parse(String text) {
        String s = Objects.requireNonNull(text, "term").strip();
        int colon = s.indexOf(':');
        String head = colon < 0 ? s : s.substring(0, colon).strip();
        String rest = colon < 0 ? "" : s.substring(colon + 1).strip();
        switch (head) {
            case "max", "maximize":
                return new ObjectiveTerm(Kind.MAX, rest, Double.NaN);
            case "min", "minimize":
                return new ObjectiveTerm(Kind.MIN, rest, Double.NaN);
            case "target":
                int eq = rest.indexOf('=');
                if (eq < 0) {
                    throw DataException.option("goal term '" + s + "': target needs Y=VALUE");
                }
                return new ObjectiveTerm(Kind.TARGET, rest.substring(0, eq), SuggestGoal.number(rest.substring(eq + 1), s));
            default:
                throw DataException.option("unknown goal term '" + s + "'; use target:Y=VALUE, max:Y or min:Y, "
                        + "comma-separated");
        }
    }
}
