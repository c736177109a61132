package io.transfab.assess;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Json;
import io.transfab.model.Progress;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import io.transfab.transfer.InputNormalization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An assessment unit trains all its methods' networks in shared rounds (batched programs): each
 * method predicts what it predicts when trained alone (float rounding), and the bytes do not depend
 * on the number of threads.
 */
class AssessmentRoundsTest {
    private static final List<String> FEATURES = List.of("am_wt_pct", "cb_binder_ratio", "solid_content_wt_pct",
            "comma_gap_um", "coating_speed_m_min", "drying_temp_c", "calender_line_load_n_mm");
    private static final MlpOptions NET = MlpOptions.defaults().withTraining(
            new TrainingOptions(3e-3, 40, 32, 1e-4, 0.0, 0.15, 10));
    private static MethodTrainer trainer;
    private static Dataset target;

    @BeforeAll
    static void pretrain() {
        Table source = ElectrodeSimulator.of(Chemistry.NMC).simulate(200, 1);
        Table t = ElectrodeSimulator.of(Chemistry.SILICON_GRAPHITE).simulate(30, 2);
        Schema schema = Schema.infer(source, FEATURES, List.of("density_g_cm3"), List.of());
        TrainedModel base = Training.fit(Dataset.of(source, schema), MlpTrainer.trainer(NET), 2, 1, Map.of(),
                Progress.NONE);
        // Few fine-tuning epochs keep the test short; the rounds do not depend on the epoch count.
        FineTuneOptions tune = new FineTuneOptions(FineTuneStrategy.AUTO, InputNormalization.TARGET, 1, 1e-2, 3e-3,
                40, 0, 5);
        trainer = new MethodTrainer(base, NET, tune, 2);
        target = Dataset.of(t, schema);
    }

    @Test
    void eachMethodPredictsInsideTheUnitsRoundsWhatItPredictsAlone() {
        // Given a unit of 12 training rows and methods whose networks share one architecture, plus a GP
        List<Method> methods = List.of(Method.MLP, Method.GP, Method.FULL, Method.HEAD, Method.L2SP);
        Assessment.Planned p = Assessment.plan(target.size(), false, List.of(12), 1, List.of(), 1, 5).get(0);
        // When the unit runs all methods together (and the comparator's inner CV), and each method alone
        SplitResult.Unit together = Assessment.runUnit(trainer, methods, BaselineSelection.candidates(methods), target,
                null, p, 5);
        // Then every method's test predictions agree to float rounding
        for (int i = 0; i < methods.size(); i++) {
            SplitResult.Unit alone = Assessment.runUnit(trainer, List.of(methods.get(i)), List.of(), target, null, p, 5);
            assertClose(together.results().get(i).mean(), alone.results().get(0).mean(), 1e-5, 1e-6,
                    methods.get(i).cliName());
            assertClose(together.results().get(i).std(), alone.results().get(0).std(), 1e-4, 1e-6,
                    methods.get(i).cliName() + " std");
        }
        assertThat(together.baselines()).hasSize(1);
    }

    @Test
    void theSameSeedGivesTheSameBytesOnOneOrTwoThreads(@TempDir Path dir) throws Exception {
        // Given a sweep of two sizes x two draws
        List<Method> methods = List.of(Method.MLP, Method.FULL);
        // When it runs on one thread and on two
        Assessment.Result one = Assessment.run(trainer, methods, null, target, null, List.of(8, 12), 2, List.of(), 1,
                1, 3, dir.resolve("one"), "fp", Progress.NONE);
        Assessment.Result two = Assessment.run(trainer, methods, null, target, null, List.of(8, 12), 2, List.of(), 1,
                2, 3, dir.resolve("two"), "fp", Progress.NONE);
        // Then the units are identical, timing aside
        assertThat(withoutSeconds(Json.toString(two.units()))).isEqualTo(withoutSeconds(Json.toString(one.units())));
    }

    private static String withoutSeconds(String json) {
        return json.replaceAll("\"(seconds|selectionSeconds)\"\\s*:\\s*[^,}\\s]+", "\"$1\":0");
    }
}
