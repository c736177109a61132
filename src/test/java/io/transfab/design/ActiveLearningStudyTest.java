package io.transfab.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.DataException;
import io.transfab.model.Progress;
import io.transfab.simulate.Chemistry;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ActiveLearningStudyTest {
    private static ActiveLearningResult result;

    @BeforeAll
    static void runSmallStudy() {
        // Given the NMC process window and a small study: 8 + 4 * 3 experiments, 3 seeds, 150 test rows
        SimulatorLab lab = SimulatorLab.of(Chemistry.NMC, 1.0, SimulatorLab.space(Chemistry.NMC), "nmc");
        ActiveLearningOptions o = new ActiveLearningOptions(List.of("density_g_cm3"), 8, 4, 3, 3, 150, false, 0.9,
                true, 5);
        // When it runs
        result = ActiveLearningStudy.run(lab, o, Progress.NONE);
    }

    @Test
    void curvesCoverEverySizeMethodAndSeed() {
        // Then every size has a finite R2 for every method and seed
        assertThat(result.sizes()).containsExactly(8, 12, 16, 20);
        for (StudyMethod m : StudyMethod.values()) {
            for (int j = 0; j < 4; j++) {
                assertThat(java.util.Arrays.stream(result.overSeeds(m, 0, j)).boxed().toList()).hasSize(3).allMatch(Double::isFinite);
                assertThat(result.halfBand(m, 0, j)).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void activeLearningStartsFromTheInitialLhs() {
        // Then both active-learning rules and the one-shot LHS share the initial design and so its score,
        // and the two rules then choose differently
        boolean differ = false;
        for (int s = 0; s < 3; s++) {
            assertThat(result.r2(StudyMethod.ACTIVE, 0, s, 0)).isEqualTo(result.r2(StudyMethod.LHS, 0, s, 0));
            assertThat(result.r2(StudyMethod.ACTIVE_MAX_STD, 0, s, 0)).isEqualTo(result.r2(StudyMethod.LHS, 0, s, 0));
            differ |= result.r2(StudyMethod.ACTIVE, 0, s, 1) != result.r2(StudyMethod.ACTIVE_MAX_STD, 0, s, 1);
        }
        assertThat(differ).isTrue();
        assertThat(result.methods()).containsExactly(StudyMethod.values());
    }

    @Test
    void activeLearningLearnsAndIsNotWorseThanRandom() {
        // Then the model improves with active learning and ends well above a useless model, and its mean R2 at
        // the final size is not worse than random sampling's by more than 0.05
        double first = result.mean(StudyMethod.ACTIVE, 0, 0);
        double last = result.mean(StudyMethod.ACTIVE, 0, 3);
        assertThat(last).isGreaterThan(first).isGreaterThan(0.5);
        assertThat(last).isGreaterThan(result.mean(StudyMethod.RANDOM, 0, 3) - 0.05);
    }

    @Test
    void experimentsToReachIsTheFirstSizeWhoseMeanReachesTheTarget() {
        // Given a target the final active-learning mean reaches
        double target = result.mean(StudyMethod.ACTIVE, 0, 3);
        // Then the first size reaching it is at most the final size, and a target above 1 is never reached
        assertThat(result.experimentsToReach(StudyMethod.ACTIVE, 0, target)).isPresent();
        assertThat(result.experimentsToReach(StudyMethod.ACTIVE, 0, target).getAsInt()).isLessThanOrEqualTo(20);
        assertThat(result.experimentsToReach(StudyMethod.ACTIVE, 0, 1.01)).isEmpty();
    }

    @Test
    void rejectsUnknownPropertiesAndSpacesTheSimulatorCannotRun() {
        assertThrows(DataException.class,
                () -> new ActiveLearningOptions(List.of("densty"), 8, 4, 3, 3, 150, false, 0.9, 5));
        ParameterSpace partial = ParameterSpace.parse("parameters:\n  - {name: am_wt_pct, type: continuous, "
                + "min: 90, max: 96}\n", "s.yaml");
        DataException e = assertThrows(DataException.class, () -> SimulatorLab.of(Chemistry.NMC, 1, partial,
                "s.yaml"));
        assertThat(e.getMessage()).contains("s.yaml").contains("cb_binder_ratio");
    }
}
