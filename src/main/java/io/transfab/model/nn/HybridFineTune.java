package io.transfab.model.nn;

import java.util.List;
import java.util.Locale;

/**
 * What fine-tuning may change in a pre-trained hybrid network, by strategy (the names of
 * {@code transfer.FineTuneStrategy}):
 * <ul>
 *   <li>{@code full}: every parameter trained further;</li>
 *   <li>{@code freeze}: the image and series encoders held fixed (with {@code frozenLevels >= 2} also
 *       the tabular branch), the rest trained;</li>
 *   <li>{@code head}: everything below the head's output layer held fixed, the output layer drawn
 *       afresh and trained (at ten times the learning rate, as for MLPs);</li>
 *   <li>{@code l2sp}: every parameter trained with {@code anchorPenalty * ||w - w_pretrained||^2}.</li>
 * </ul>
 *
 * @param strategy         the strategy's CLI name
 * @param frozenGroups     parameter name prefixes held fixed ({@code image}, {@code series}, {@code tabular},
 *                         {@code head.hidden})
 * @param reinitializeHead whether the head's output layer is drawn afresh from the seed
 * @param anchorPenalty    L2-SP strength (0 = none)
 * @param training         optimiser settings of the fine-tuning run
 */
public record HybridFineTune(String strategy, List<String> frozenGroups, boolean reinitializeHead,
        double anchorPenalty, TrainingOptions training) {
    public HybridFineTune {
        frozenGroups = List.copyOf(frozenGroups);
        if (!(anchorPenalty >= 0) || !Double.isFinite(anchorPenalty)) {
            throw new IllegalArgumentException("anchorPenalty must be a finite number >= 0, got " + anchorPenalty);
        }
        if (training == null) {
            throw new IllegalArgumentException("training options are required");
        }
    }

    /**
     * The spec of a strategy by its CLI name; {@code frozenLevels} is {@code --frozen-layers} (1:
     * encoders, 2 or more: encoders and tabular branch), {@code alpha} is {@code --l2sp-alpha}.
     */
    public static HybridFineTune of(String strategy, int frozenLevels, double alpha, TrainingOptions training) {
        String s = strategy.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "full" -> new HybridFineTune(s, List.of(), false, 0.0, training);
            case "freeze" -> new HybridFineTune(s, frozenLevels >= 2
                    ? List.of(HybridArchitecture.IMAGE, HybridArchitecture.SERIES, HybridArchitecture.TABULAR)
                    : List.of(HybridArchitecture.IMAGE, HybridArchitecture.SERIES), false, 0.0, training);
            case "head" -> new HybridFineTune(s, List.of(HybridArchitecture.IMAGE, HybridArchitecture.SERIES,
                    HybridArchitecture.TABULAR, HybridArchitecture.HEAD + ".hidden"), true, 0.0,
                    training.withLearningRate(10 * training.learningRate()));
            case "l2sp" -> new HybridFineTune(s, List.of(), false, alpha, training);
            default -> throw new IllegalArgumentException("strategy '" + strategy + "' is not available for hybrid "
                    + "models (image or series columns); choose full, freeze, head or l2sp");
        };
    }

    /** Whether parameter {@code name} stays as pre-trained. */
    boolean frozen(String name) {
        return frozenGroups.stream().anyMatch(g -> name.startsWith(g + "."));
    }
}
