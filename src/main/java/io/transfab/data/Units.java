package io.transfab.data;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Units a header may carry and the scale factors between those of one quantity (length, density,
 * areal mass, pressure, line load, speed, mass, time). Only pure scale factors: temperatures
 * (offsets) and percentages versus fractions are never converted.
 */
public final class Units {
    private record Unit(String quantity, double toSi) {
    }

    private static final Map<String, Unit> KNOWN = Map.ofEntries(
            Map.entry("m", new Unit("length", 1)), Map.entry("cm", new Unit("length", 1e-2)),
            Map.entry("mm", new Unit("length", 1e-3)), Map.entry("um", new Unit("length", 1e-6)),
            Map.entry("nm", new Unit("length", 1e-9)),
            Map.entry("kg/m3", new Unit("density", 1)), Map.entry("g/cm3", new Unit("density", 1e3)),
            Map.entry("g/cc", new Unit("density", 1e3)), Map.entry("g/ml", new Unit("density", 1e3)),
            Map.entry("kg/l", new Unit("density", 1e3)), Map.entry("g/l", new Unit("density", 1)),
            Map.entry("kg/m2", new Unit("areal mass", 1)), Map.entry("g/m2", new Unit("areal mass", 1e-3)),
            Map.entry("gsm", new Unit("areal mass", 1e-3)), Map.entry("mg/cm2", new Unit("areal mass", 1e-2)),
            Map.entry("pa", new Unit("pressure", 1)), Map.entry("kpa", new Unit("pressure", 1e3)),
            Map.entry("mpa", new Unit("pressure", 1e6)), Map.entry("gpa", new Unit("pressure", 1e9)),
            Map.entry("bar", new Unit("pressure", 1e5)),
            Map.entry("n/m", new Unit("line load", 1)), Map.entry("n/mm", new Unit("line load", 1e3)),
            Map.entry("kn/m", new Unit("line load", 1e3)), Map.entry("n/cm", new Unit("line load", 1e2)),
            Map.entry("m/s", new Unit("speed", 1)), Map.entry("m/min", new Unit("speed", 1 / 60.0)),
            Map.entry("mm/s", new Unit("speed", 1e-3)), Map.entry("mm/min", new Unit("speed", 1e-3 / 60)),
            Map.entry("kg", new Unit("mass", 1)), Map.entry("g", new Unit("mass", 1e-3)),
            Map.entry("mg", new Unit("mass", 1e-6)),
            Map.entry("s", new Unit("time", 1)), Map.entry("min", new Unit("time", 60)),
            Map.entry("h", new Unit("time", 3600)));

    private Units() {
    }

    /** Spelling variants of one unit: case, blanks, ^ and superscripts, micro signs. */
    static String canonical(String unit) {
        return unit.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("^", "").replace("\u00b3", "3")
                .replace("\u00b2", "2").replace("\u00b5", "u").replace("\u03bc", "u");
    }

    /** Whether two spellings name the same unit (e.g. {@code g/cm3} and {@code g/cm^3}). */
    public static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    /** The factor f with value_in_{@code to} = f * value_in_{@code from}, when both are known units of one quantity. */
    public static OptionalDouble factor(String from, String to) {
        Unit a = KNOWN.get(canonical(from));
        Unit b = KNOWN.get(canonical(to));
        if (a == null || b == null || !a.quantity().equals(b.quantity())) {
            return OptionalDouble.empty();
        }
        double f = a.toSi() / b.toSi();
        return OptionalDouble.of(Double.parseDouble(String.format(Locale.ROOT, "%.12g", f))); // 1e-3 / 1e-6 -> 1000
    }
}
