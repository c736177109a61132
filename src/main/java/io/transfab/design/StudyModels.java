package io.transfab.design;

import io.transfab.data.Column;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.evaluate.Metrics;
import io.transfab.model.Progress;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.gp.GaussianProcessTrainer;
import io.transfab.simulate.ElectrodeProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fits and scores the small-data model of the design studies: a Gaussian process on measured points. */
final class StudyModels {
    private StudyModels() {
    }

    /** A GP (default options) of the properties on the points, features named and ordered as the space. */
    static TrainedModel fit(ParameterSpace space, int[] properties, List<double[]> points, double[][] y, long seed) {
        List<Column> features = new ArrayList<>();
        for (Parameter p : space.parameters()) {
            features.add(Column.numeric(p.name(), ""));
        }
        List<Column> targets = new ArrayList<>();
        for (int k : properties) {
            targets.add(Column.numeric(ElectrodeProperties.names().get(k), ElectrodeProperties.units().get(k)));
        }
        Dataset d = Dataset.of(new Schema(features, targets), points.toArray(new double[0][]), y, "study");
        return Training.fit(d, GaussianProcessTrainer.withDefaults(), 1, seed, Map.of("study", "design"),
                Progress.NONE);
    }

    /** R2 per target of the model's predicted means on the test points. */
    static double[] r2(TrainedModel model, double[][] testX, double[][] testY) {
        double[][] p = model.predictEncoded(testX).mean();
        double[] out = new double[testY[0].length];
        for (int k = 0; k < out.length; k++) {
            double[] a = new double[testY.length];
            double[] b = new double[testY.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = testY[i][k];
                b[i] = p[i][k];
            }
            out[k] = Metrics.of(a, b).r2();
        }
        return out;
    }
}
