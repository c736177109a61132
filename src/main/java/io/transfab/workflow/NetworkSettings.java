package io.transfab.workflow;

import io.transfab.data.DataException;
import io.transfab.model.nn.Activation;
import io.transfab.model.nn.HybridOptions;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.TrainingOptions;
import java.util.List;
import java.util.Locale;

/**
 * Architecture and training options of a network trained from scratch (pretrain, train --model mlp):
 * --hidden, --activation, --epochs, --lr, --batch-size, --dropout, --weight-decay, --validation,
 * --patience. Null means left out: the value then comes from {@link MlpOptions#defaults()} (or
 * {@link HybridOptions#defaults()} for a hybrid).
 */
public record NetworkSettings(List<Integer> hidden, String activation, Integer epochs, Double learningRate,
        Integer batchSize, Double dropout, Double weightDecay, Double validation, Integer patience) {
    private static final MlpOptions DEFAULTS = MlpOptions.defaults();

    public NetworkSettings {
        hidden = hidden == null ? null : List.copyOf(hidden);
        if (activation != null) {
            parseActivation(activation);
        }
    }

    static NetworkSettings of(JobParams p) {
        return new NetworkSettings(p.integers("hidden"), p.string("activation"), p.integer("epochs"),
                p.number("lr"), p.integer("batch-size"), p.number("dropout"), p.number("weight-decay"),
                p.number("validation"), p.integer("patience"));
    }

    private static Activation parseActivation(String name) {
        try {
            return Activation.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DataException.option("unknown --activation '" + name + "'; choose relu, tanh, silu or gelu");
        }
    }

    /** The MLP options: what was given, the defaults for the rest. */
    public MlpOptions toOptions() {
        Activation act = activation != null ? parseActivation(activation) : DEFAULTS.activation();
        return new MlpOptions(hidden != null ? hidden : DEFAULTS.hiddenLayers(), act, training(DEFAULTS.training()));
    }

    /** HybridOptions.defaults() with the options given (--hidden: tabular width, head width). */
    public HybridOptions hybridOptions() {
        HybridOptions d = HybridOptions.defaults();
        int tab = hidden != null ? hidden.get(0) : d.tabularHidden();
        int head = hidden != null ? hidden.get(hidden.size() - 1) : d.headHidden();
        return new HybridOptions(d.convChannels(), d.seriesState(), tab, head, training(d.training()));
    }

    private TrainingOptions training(TrainingOptions t) {
        return new TrainingOptions(
                learningRate != null ? learningRate : t.learningRate(),
                epochs != null ? epochs : t.maxEpochs(),
                batchSize != null ? batchSize : t.batchSize(),
                weightDecay != null ? weightDecay : t.weightDecay(),
                dropout != null ? dropout : t.dropout(),
                validation != null ? validation : t.validationFraction(),
                patience != null ? patience : t.patience());
    }
}
