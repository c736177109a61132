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
 * @param rescale          which of the base's statistics are replaced by the target rows' ones
 */
public record HybridFineTune(String strategy, List<String> frozenGroups, boolean reinitializeHead,
        double anchorPenalty, TrainingOptions training, Rescale rescale) {
    /**
     * Which standardisation the fine-tuned model uses (images and series always keep the base's).
     * {@code finetune --normalize source} is {@link #TARGETS}, {@code --normalize target} is {@link #ALL},
     * as for MLPs ({@code transfer.InputNormalization}).
     */
    public enum Rescale {
        /** The base model's scaling unchanged (inputs and targets): before {@code --normalize} reached hybrids. */
        NONE,
        /** Targets re-standardised with the target rows; tabular inputs keep the source statistics. */
        TARGETS,
        /** Tabular inputs and targets re-standardised with the target rows. */
        ALL
    }

    public HybridFineTune {
        if (rescale == null) {
            throw new IllegalArgumentException("rescale is required");
        }
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
        return of(strategy, frozenLevels, alpha, training, Rescale.NONE);
    }

    /** As {@link #of(String, int, double, TrainingOptions)}, with the standardisation {@code rescale}. */
    public static HybridFineTune of(String strategy, int frozenLevels, double alpha, TrainingOptions training,
            Rescale rescale) {
        String s = strategy.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "full" -> new HybridFineTune(s, List.of(), false, 0.0, training, rescale);
            case "freeze" -> new HybridFineTune(s, frozenLevels >= 2
                    ? List.of(HybridArchitecture.IMAGE, HybridArchitecture.SERIES, HybridArchitecture.TABULAR)
                    : List.of(HybridArchitecture.IMAGE, HybridArchitecture.SERIES), false, 0.0, training, rescale);
            case "head" -> new HybridFineTune(s, List.of(HybridArchitecture.IMAGE, HybridArchitecture.SERIES,
                    HybridArchitecture.TABULAR, HybridArchitecture.HEAD + ".hidden"), true, 0.0,
                    training.withLearningRate(10 * training.learningRate()), rescale);
            case "l2sp" -> new HybridFineTune(s, List.of(), false, alpha, training, rescale);
            default -> throw new IllegalArgumentException("strategy '" + strategy + "' is not available for hybrid "
                    + "models (image or series columns); choose full, freeze, head or l2sp");
        };
    }

    /** Whether parameter {@code name} stays as pre-trained. */
    boolean frozen(String name) {
        return frozenGroups.stream().anyMatch(g -> name.startsWith(g + "."));
    }
}
