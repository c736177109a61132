package io.transfab.model.nn;

import io.transfab.data.DataException;

/**
 * How a network is optimised: mini-batch AdamW (Loshchilov &amp; Hutter 2019, "Decoupled weight
 * decay regularization") on the mean squared error or the Huber loss ({@link Loss}).
 *
 * @param learningRate       Adam step size (&gt; 0)
 * @param maxEpochs          passes over the training rows (&gt;= 1)
 * @param batchSize          rows per step; 0 (or any value &gt;= the training rows) means full batch
 * @param weightDecay        decoupled weight decay: each step {@code w -= learningRate * weightDecay * w}
 *                           on weight matrices only (biases are not decayed); 0 switches it off
 * @param dropout            probability of zeroing a hidden activation while training (inverted
 *                           dropout, masks drawn from the seed); 0 switches it off
 * @param validationFraction share of the rows held out (seeded) for early stopping; 0 means no early
 *                           stopping: train {@code maxEpochs} and keep the final weights
 * @param patience           epochs without a new best validation loss before stopping (&gt;= 1); the
 *                           best weights are kept
 * @param loss               the data term, {@link Loss#SQUARED} or {@link Loss#HUBER}; early stopping
 *                           monitors the same loss on the held-out rows (an outlier there would
 *                           otherwise dominate the choice of epoch)
 */
public record TrainingOptions(double learningRate, int maxEpochs, int batchSize, double weightDecay,
                              double dropout, double validationFraction, int patience, Loss loss) {
    /** Options with the squared-error loss (the signature from before the loss choice). */
    public TrainingOptions(double learningRate, int maxEpochs, int batchSize, double weightDecay,
                           double dropout, double validationFraction, int patience) {
        this(learningRate, maxEpochs, batchSize, weightDecay, dropout, validationFraction, patience, Loss.SQUARED);
    }

    public TrainingOptions {
        if (loss == null) {
            throw new IllegalArgumentException("loss is required");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw DataException.option("--lr must be a finite number > 0, got " + learningRate);
        }
        if (maxEpochs < 1) {
            throw DataException.option("--epochs must be at least 1, got " + maxEpochs);
        }
        if (batchSize < 0) {
            throw DataException.option("--batch-size must be >= 0 (0 = full batch), got " + batchSize);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw DataException.option("--weight-decay must be a finite number >= 0, got " + weightDecay);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw DataException.option("--dropout must be in [0, 1), got " + dropout);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw DataException.option("--validation must be in [0, 1), got " + validationFraction);
        }
        if (patience < 1) {
            throw DataException.option("--patience must be at least 1, got " + patience);
        }
    }

    /**
     * Pre-training defaults for a few hundred to a few thousand rows: learning rate 1e-3, at most
     * 300 epochs, batches of 32, weight decay 1e-4, no dropout, 15% held out with patience 30.
     */
    public static TrainingOptions defaults() {
        return new TrainingOptions(1e-3, 300, 32, 1e-4, 0.0, 0.15, 30);
    }

    /**
     * Fine-tuning defaults for 10-40 target rows: learning rate 1e-3, 300 full-batch epochs, no
     * weight decay, no dropout and no early stopping (too few rows to hold any out reliably).
     */
    public static TrainingOptions fineTuneDefaults() {
        return new TrainingOptions(1e-3, 300, 0, 0.0, 0.0, 0.0, 1);
    }

    public TrainingOptions withLearningRate(double value) {
        return new TrainingOptions(value, maxEpochs, batchSize, weightDecay, dropout, validationFraction, patience,
                loss);
    }

    public TrainingOptions withMaxEpochs(int value) {
        return new TrainingOptions(learningRate, value, batchSize, weightDecay, dropout, validationFraction, patience,
                loss);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(learningRate, maxEpochs, value, weightDecay, dropout, validationFraction, patience,
                loss);
    }

    public TrainingOptions withWeightDecay(double value) {
        return new TrainingOptions(learningRate, maxEpochs, batchSize, value, dropout, validationFraction, patience,
                loss);
    }

    public TrainingOptions withDropout(double value) {
        return new TrainingOptions(learningRate, maxEpochs, batchSize, weightDecay, value, validationFraction, patience,
                loss);
    }

    /** Early stopping on a held-out {@code fraction} with the given patience; fraction 0 switches it off. */
    public TrainingOptions withEarlyStopping(double fraction, int patienceEpochs) {
        return new TrainingOptions(learningRate, maxEpochs, batchSize, weightDecay, dropout, fraction, patienceEpochs,
                loss);
    }

    /** The same options with data term {@code value}. */
    public TrainingOptions withLoss(Loss value) {
        return new TrainingOptions(learningRate, maxEpochs, batchSize, weightDecay, dropout, validationFraction,
                patience, value);
    }
}
