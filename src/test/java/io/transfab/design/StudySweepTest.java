package io.transfab.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.model.Progress;
import io.transfab.simulate.Chemistry;
import io.transfab.sweep.LocalSweepExecutor;
import io.transfab.sweep.Sweep;
import io.transfab.sweep.SweepExecutor;
import io.transfab.sweep.SweepJob;
import io.transfab.sweep.SweepResult;
import io.transfab.sweep.SweepTask;
import io.transfab.sweep.SweepWorker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The design studies as sweep tasks: a worker rebuilt from the serialised job (as a Spark executor
 * rebuilds it) on serialised tasks run in reverse order gives the result of local threads.
 */
class StudySweepTest {
    private static final StudySweep.LabSpec LAB = new StudySweep.LabSpec("nmc", 1.0,
            SimulatorLab.spaceYaml(Chemistry.NMC), "nmc process window");

    @Test
    void activeLearningFromTheShippedJobEqualsLocalThreads() throws Exception {
        // Given a small study with the max-std rule (2 seeds x 4 methods)
        ActiveLearningOptions o = new ActiveLearningOptions(List.of("density_g_cm3", "porosity"), 6, 3, 1, 2, 40,
                false, 0.9, true, 3);
        // When it runs on local threads and through the shipped job
        ActiveLearningResult local = ActiveLearningStudy.run(LAB, o, LocalSweepExecutor.of(2), Progress.NONE);
        ActiveLearningResult shipped = ActiveLearningStudy.run(LAB, o, new Shipping(), Progress.NONE);
        // Then every R2 is the same double
        for (StudyMethod m : o.methods()) {
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < o.sizes().length; j++) {
                        assertThat(shipped.r2(m, k, i, j)).isEqualTo(local.r2(m, k, i, j));
                    }
                }
            }
        }
    }

    @Test
    void inverseDesignFromTheShippedJobEqualsLocalThreads() throws Exception {
        // Given a small study (2 seeds x 2 requested values)
        InverseDesignOptions o = new InverseDesignOptions("density_g_cm3", List.of(2.9, 3.3), 8, 3, 2, Double.NaN, 5);
        // When it runs on local threads and through the shipped job
        InverseDesignResult local = InverseDesignStudy.run(LAB, o, LocalSweepExecutor.of(2), Progress.NONE);
        InverseDesignResult shipped = InverseDesignStudy.run(LAB, o, new Shipping(), Progress.NONE);
        // Then every outcome and the mean evaluations are equal
        assertThat(shipped.modelEvaluations()).isEqualTo(local.modelEvaluations());
        assertThat(shipped.tolerance()).isEqualTo(local.tolerance());
        for (SearchMethod m : SearchMethod.values()) {
            for (int t = 0; t < 2; t++) {
                for (int i = 0; i < 2; i++) {
                    assertThat(shipped.outcome(m, t, i)).isEqualTo(local.outcome(m, t, i));
                }
            }
        }
    }

    /** An executor that does what a remote one does: serialise the job and the tasks, rebuild the worker. */
    private static final class Shipping implements SweepExecutor {
        @Override
        public String description() {
            return "shipping";
        }

        @Override
        public void run(Sweep sweep, Consumer<SweepResult> onResult) {
            assertThat(sweep.job()).as(sweep.whyLocalOnly()).isNotNull();
            SweepWorker worker = roundTrip(sweep.job().get()).open();
            List<SweepTask> tasks = new ArrayList<>(sweep.tasks());
            Collections.reverse(tasks);
            for (SweepTask t : tasks) {
                onResult.accept(roundTrip(worker.run(roundTrip(t))));
            }
        }

        @SuppressWarnings("unchecked")
        private static <T> T roundTrip(T value) {
            try {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(b)) {
                    out.writeObject(value);
                }
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
                    return (T) in.readObject();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
