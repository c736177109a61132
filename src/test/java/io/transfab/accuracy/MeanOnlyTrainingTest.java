package io.transfab.accuracy;

import io.transfab.assess.Method;
import io.transfab.assess.MethodTrainer;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Progress;
import io.transfab.model.nn.MlpOptions;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeParameters;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.testing.Approx;
import io.transfab.transfer.FineTuneOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeanOnlyTrainingTest {
    @Test
    void meansEqualThoseOfTheFullTrainingWithItsCalibration() {
        // Given 12 training and 8 test rows of simulated electrodes
        Table t = ElectrodeSimulator.of(Chemistry.NMC).simulate(20, 4);
        Dataset all = Dataset.of(t, Schema.infer(t, ElectrodeParameters.names(), List.of("density_g_cm3"),
                List.of()));
        Dataset train = all.subset(java.util.stream.IntStream.range(0, 12).toArray());
        double[][] test = all.subset(java.util.stream.IntStream.range(12, 20).toArray()).x();
        MethodTrainer full = new MethodTrainer(null, MlpOptions.defaults(), FineTuneOptions.defaults(), 2);
        for (Method m : List.of(Method.RIDGE, Method.GP, Method.XGBOOST)) {
            // When a method is trained as assess trains it and without the calibration refits
            double[] expected = full.train(m, train, 9, Progress.NONE).model().predictEncoded(test).meanOf(0);
            double[] actual = MeanOnlyTraining.fitPredict(m, 2, train, test, 9);
            // Then the predicted means agree
            Approx.assertClose(actual, expected, 1e-9, 1e-9, m.cliName() + " means");
        }
    }
}
