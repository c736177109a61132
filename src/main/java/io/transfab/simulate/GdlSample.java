package io.transfab.simulate;

import java.util.Objects;

/**
 * One simulated gas diffusion layer: its set parameters, the hidden fibre clustering drawn for it,
 * the measured properties and the microstructure image.
 *
 * @param parameters set manufacturing parameters
 * @param clustering bundling probability of the microstructure, in [0, 1] (not a column unless asked)
 * @param properties measured properties
 * @param image top view of the microstructure
 */
public record GdlSample(GdlParameters parameters, double clustering, GdlProperties properties, GreyImage image) {
    public GdlSample {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(image, "image");
    }
}
