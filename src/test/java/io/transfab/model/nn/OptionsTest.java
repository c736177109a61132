package io.transfab.model.nn;

import io.transfab.data.DataException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptionsTest {

    @Test
    void trainingOptionsRejectInvalidValues() {
        assertThrows(DataException.class, () -> new TrainingOptions(0, 10, 0, 0, 0, 0, 1));
        assertThrows(DataException.class, () -> new TrainingOptions(Double.NaN, 10, 0, 0, 0, 0, 1));
        assertThrows(DataException.class,
                () -> new TrainingOptions(Double.POSITIVE_INFINITY, 10, 0, 0, 0, 0, 1));
        assertThrows(DataException.class, () -> new TrainingOptions(1e-3, 0, 0, 0, 0, 0, 1));
        assertThrows(DataException.class, () -> new TrainingOptions(1e-3, 10, -1, 0, 0, 0, 1));
        assertThrows(DataException.class, () -> new TrainingOptions(1e-3, 10, 0, -1e-4, 0, 0, 1));
        assertThrows(DataException.class, () -> new TrainingOptions(1e-3, 10, 0, Double.NaN, 0, 0, 1));
        assertThrows(DataException.class, () -> new TrainingOptions(1e-3, 10, 0, 0, 1.0, 0, 1));
        assertThrows(DataException.class, () -> new TrainingOptions(1e-3, 10, 0, 0, Double.NaN, 0, 1));
        assertThrows(DataException.class, () -> new TrainingOptions(1e-3, 10, 0, 0, 0, 1.0, 1));
        assertThrows(DataException.class, () -> new TrainingOptions(1e-3, 10, 0, 0, 0, -0.1, 1));
        assertThrows(DataException.class, () -> new TrainingOptions(1e-3, 10, 0, 0, 0, 0.2, 0));
    }

    @Test
    void defaultsAreValidAndWithersChangeOneField() {
        TrainingOptions d = TrainingOptions.defaults();
        assertEquals(32, d.batchSize());
        assertEquals(500, d.withMaxEpochs(500).maxEpochs());
        assertEquals(d.learningRate(), d.withMaxEpochs(500).learningRate());
        assertEquals(0, TrainingOptions.fineTuneDefaults().batchSize());
        assertEquals(List.of(64, 64), MlpOptions.defaults().hiddenLayers());
        assertEquals(Activation.RELU, MlpOptions.defaults().activation());
    }

    @Test
    void mlpOptionsRejectInvalidArchitecturesAndCopyTheList() {
        TrainingOptions t = TrainingOptions.defaults();
        assertThrows(DataException.class, () -> new MlpOptions(List.of(), Activation.RELU, t));
        assertThrows(DataException.class, () -> new MlpOptions(List.of(8, 0), Activation.RELU, t));
        assertThrows(IllegalArgumentException.class, () -> new MlpOptions(List.of(8), null, t));
        assertThrows(IllegalArgumentException.class, () -> new MlpOptions(List.of(8), Activation.RELU, null));
        List<Integer> sizes = new ArrayList<>(List.of(8, 4));
        MlpOptions options = new MlpOptions(sizes, Activation.RELU, t);
        sizes.add(2);
        assertEquals(List.of(8, 4), options.hiddenLayers());
    }
}
