package io.transfab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.linear.RidgeRegressionTrainer;
import io.transfab.testing.Approx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputCheckTest {
    private static final Table TRAIN = CsvReader.parse("train.csv", "x [mm],y\n1,2\n2,4\n4,8\n7,14\n");

    @Test
    void unionPoolsMeanAndSampleSdOfBothRowSets() {
        // Given ranges over {1, 2, 4, 7} and over {3, 10, 5}
        Schema s = Schema.infer(TRAIN, List.of("x"), List.of("y"), List.of());
        TrainingRanges a = TrainingRanges.of(s, new double[][] {{1}, {2}, {4}, {7}});
        TrainingRanges b = TrainingRanges.of(s, new double[][] {{3}, {10}, {5}});
        // When pooled
        TrainingRanges u = a.union(b);
        // Then they equal the statistics of all seven values (numpy: mean 4.571428571428571,
        // std(ddof=1) 3.1014589500826255, min 1, max 10)
        Approx.assertClose(u.mean()[0], 4.571428571428571, 1e-12, 0, "mean");
        Approx.assertClose(u.sd()[0], 3.1014589500826255, 1e-12, 0, "sd");
        Approx.assertClose(u.min()[0], 1, 0, 0, "min");
        Approx.assertClose(u.max()[0], 10, 0, 0, "max");
        assertThat(u.rows()).isEqualTo(7);
    }

    @Test
    void anInfinitePredictionNeverReachesTheOutput() {
        // Given a model and a prediction whose second row came out infinite
        TrainedModel m = Training.fit(Dataset.of(TRAIN, Schema.infer(TRAIN, List.of("x"), List.of("y"), List.of())),
                RidgeRegressionTrainer.withDefaults(), 1, 1, Map.of(), Progress.NONE);
        Table rows = CsvReader.parse("new.csv", "x [mm]\n3\n9\n");
        InputCheck.Result check = InputCheck.check(m, rows);
        Prediction p = new Prediction(new double[][] {{6}, {Double.POSITIVE_INFINITY}}, new double[][] {{0}, {0}});
        // When checked, then it is a DataException naming file, row and the parameter outside the range
        DataException e = assertThrows(DataException.class,
                () -> InputCheck.requireFinite(p, check, m, rows, List.of("y")));
        assertThat(e.getMessage()).startsWith("new.csv, row 3, column 'x'").contains("not a finite number");
    }

    @Test
    void unitsAreComparedBySpellingAndConvertedByScaleOnly() {
        // Given / When / Then spellings of one unit match, scale factors convert, offsets and others do not
        assertThat(io.transfab.data.Units.same("g/cm^3", "g/cm3")).isTrue();
        Approx.assertClose(io.transfab.data.Units.factor("kg/m3", "g/cm3").orElseThrow(), 1e-3, 1e-12, 0, "density");
        Approx.assertClose(io.transfab.data.Units.factor("mg/cm2", "g/m2").orElseThrow(), 10, 1e-12, 0, "loading");
        assertThat(io.transfab.data.Units.factor("degC", "K")).isEmpty();
        assertThat(io.transfab.data.Units.factor("mm", "kg")).isEmpty();
    }
}
