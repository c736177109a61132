package io.transfab.report;

import java.util.Objects;

/**
 * One inline SVG figure, as produced by {@link Plots}. The markup is inserted verbatim into the
 * report, so it must be a single {@code <svg>...</svg>} element from a trusted source.
 */
public record Svg(String markup) {
    public Svg {
        Objects.requireNonNull(markup, "markup");
        markup = markup.strip();
        if (markup.isEmpty()) {
            throw new IllegalArgumentException("SVG markup is empty");
        }
        if (!markup.startsWith("<svg") || !markup.endsWith("</svg>")) {
            throw new IllegalArgumentException("SVG markup must be one <svg>...</svg> element, got: "
                    + markup.substring(0, Math.min(40, markup.length())) + "...");
        }
    }
}
