package io.transfab.design;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.DataException;
import io.transfab.model.TrainedModel;
import io.transfab.model.linear.RidgeRegressionTrainer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InverseDesignerTest {
    static TrainedModel ridge;

    @BeforeAll
    static void train() {
        // y1 = 2a + 3b - c, y2 = c + a (linear, so ridge fits both closely)
        ridge = SuggesterTest.fit(RidgeRegressionTrainer.withDefaults(), List.of(SuggesterTest::linear,
                x -> x[2] + x[0]), 30, 3);
    }

    @Test
    void targetAndMaxTogetherMeetTheTargetAndPushTheOther() {
        // Given target:y1=2.5,max:y2, When the top 5 are optimised
        Proposal p = InverseDesigner.optimize(ridge, SuggesterTest.SPACE,
                OptimizeOptions.of(Objective.parse("target:y1=2.5,max:y2"), 5, 7), "space");
        // Then every point is feasible and diverse, y1 is near 2.5 and y2 well above its range midpoint (1)
        assertThat(p.runs()).isEqualTo(5);
        SuggesterTest.assertInsideSpace(SuggesterTest.SPACE, p);
        assertThat(p.minPairwiseDistance()).isGreaterThanOrEqualTo(0.1 * Math.sqrt(3) - 1e-12);
        assertClose(p.mean(0, 0), 2.5, 0, 0.3, "y1 of the best");
        assertThat(p.mean(0, 1)).isGreaterThan(1.3);
        assertThat(p.scoreName()).isEqualTo("score");
    }

    @Test
    void aSingleTargetIsMetClosely() {
        // Given target:y1=1.2 alone, Then the best predictions are within 0.01 of 1.2
        Proposal p = InverseDesigner.optimize(ridge, SuggesterTest.SPACE,
                OptimizeOptions.of(Objective.parse("target:y1=1.2"), 4, 5), "space");
        for (int i = 0; i < p.runs(); i++) {
            assertClose(p.mean(i, 0), 1.2, 0, 0.01, "y1 of run " + i);
        }
    }

    @Test
    void refinementDoesNotWorsenTheBestScore() {
        // Given the same candidates with and without refinement, Then the refined best scores at least as well
        Objective o = Objective.parse("target:y1=1.234,min:y2");
        Proposal plain = InverseDesigner.optimize(ridge, SuggesterTest.SPACE, new OptimizeOptions(o, 3, 512, 0, 4),
                "space");
        Proposal refined = InverseDesigner.optimize(ridge, SuggesterTest.SPACE, new OptimizeOptions(o, 3, 512, 4, 4),
                "space");
        assertThat(refined.score(0)).isGreaterThanOrEqualTo(plain.score(0));
        assertThat(refined.candidates()).isGreaterThan(plain.candidates());
        // and the same options give bit-identical points
        Proposal again = InverseDesigner.optimize(ridge, SuggesterTest.SPACE, new OptimizeOptions(o, 3, 512, 4, 4),
                "space");
        assertArrayEquals(refined.point(0), again.point(0));
    }

    @Test
    void badObjectivesAreRejected() {
        assertThrows(DataException.class, () -> Objective.parse("best:y1"));
        assertThrows(DataException.class, () -> Objective.parse("max:y1,"));
        assertThrows(DataException.class, () -> Objective.parse("max:y1,min:y1"));
        assertThrows(DataException.class, () -> Objective.parse("target:y1"));
        assertThrows(DataException.class, () -> InverseDesigner.optimize(ridge, SuggesterTest.SPACE,
                OptimizeOptions.of(Objective.parse("max:nope"), 3, 1), "space"));
    }
}
