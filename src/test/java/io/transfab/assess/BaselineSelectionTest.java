package io.transfab.assess;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.Column;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.model.nn.MlpOptions;
import io.transfab.transfer.FineTuneOptions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselineSelectionTest {
    private static final Schema SCHEMA = new Schema(List.of(Column.numeric("a", ""), Column.numeric("b", "")),
            List.of(Column.numeric("linear", ""), Column.numeric("step", "")));

    /** Target 0 is linear in the inputs, target 1 a step in a (trees fit it, a line does not). */
    private static Dataset rows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextDouble(-1, 1);
            x[i][1] = rng.nextDouble(-1, 1);
            y[i][0] = 2 * x[i][0] - x[i][1] + 0.01 * rng.nextGaussian();
            y[i][1] = (x[i][0] > 0 ? 5 : 0) + 0.01 * rng.nextGaussian();
        }
        return Dataset.of(SCHEMA, x, y, "rows");
    }

    @Test
    void choosesPerTargetByInnerCrossValidation() {
        // Given 40 training rows, ridge and xgboost as candidates
        MethodTrainer trainer = new MethodTrainer(null, MlpOptions.defaults(), FineTuneOptions.defaults(), 3);
        // When choosing the comparator on the training rows alone
        BaselineSelection.Choice c = BaselineSelection.choose(trainer, List.of(Method.RIDGE, Method.XGBOOST),
                rows(40, 3), 11);
        // Then the line wins the linear target and the trees the step
        assertThat(c.perTarget()).containsExactly("ridge", "xgboost");
        assertThat(c.seconds()).isGreaterThan(0);
    }

    @Test
    void candidatesAreTheAssessedNonTransferMethodsInAFixedOrder() {
        // Then transfer methods never serve as the comparator, and the order does not depend on --methods
        assertThat(BaselineSelection.candidates(List.of(Method.L2SP, Method.MLP, Method.TRANSFER_GP, Method.XGBOOST,
                Method.GP))).containsExactly(Method.GP, Method.XGBOOST, Method.MLP);
    }

    @Test
    void tooFewRowsTakeTheFirstCandidate() {
        // Given 3 training rows (no inner fit is possible)
        MethodTrainer trainer = new MethodTrainer(null, MlpOptions.defaults(), FineTuneOptions.defaults(), 1);
        // Then the first candidate is taken for every target
        assertThat(BaselineSelection.choose(trainer, List.of(Method.RIDGE, Method.XGBOOST), rows(3, 1), 1)
                .perTarget()).containsExactly("ridge", "ridge");
    }
}
