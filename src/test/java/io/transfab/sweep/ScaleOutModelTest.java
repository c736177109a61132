package io.transfab.sweep;

import static io.transfab.testing.Approx.assertClose;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scale-out projection on a synthetic run whose terms are known (golden values worked by hand
 * from the model's formula in docs/scale-out.md): 3 tasks of 2, 4 and 1 s run one after the other
 * after a 10 s start-up, 0.5 s overhead per task, a 0.2 s tail and 1 s of driver work around them.
 */
class ScaleOutModelTest {
    private static final double TOL = 1e-9;
    private static final List<String> KEYS = List.of("a", "b", "c");
    /** arrivals: 10 + 2 = 12, 12 + 0.5 + 4 = 16.5, 16.5 + 0.5 + 1 = 18; run 18.2, phase 19.2. */
    private static final SweepTiming ONE = new SweepTiming(KEYS, List.of(2.0, 4.0, 1.0), List.of(12.0, 16.5, 18.0),
            18.2, 19.2);
    /** local[2]: the first result (task a) at 8 s, so the context starts in 8 - 2 - 0.5 = 5.5 s. */
    private static final SweepTiming LOCAL = new SweepTiming(KEYS, List.of(2.0, 4.0, 1.0), List.of(8.0, 12.5, 9.5),
            12.6, 13.6);

    @Test
    void theFitRecoversTheTermsAndReproducesTheFittedPoint() {
        // Given the 1-executor run on an idle 2-core machine
        // When the model is fitted
        ScaleOutModel m = ScaleOutModel.fit(ONE, LOCAL);
        // Then o = (18 - 12 - (4 + 1)) / 2 = 0.5, S_ctx = 5.5, S_exec = 12 - 2 - 0.5 - 5.5 = 4, D = 1, E = 0.2
        assertClose(m.perTask(), 0.5, 0, TOL, "o");
        assertClose(m.contextStartup(), 5.5, 0, TOL, "S_ctx");
        assertClose(m.executorStartup(), 4.0, 0, TOL, "S_exec");
        assertClose(m.driverSeconds(), 1.0, 0, TOL, "D");
        assertClose(m.tail(), 0.2, 0, TOL, "E");
        // and W(1) is the measured 19.2 s
        assertClose(m.projectIdle(1), 19.2, 0, TOL, "W(1)");
    }

    @Test
    void moreCoresScheduleTheTasksInSubmissionOrder() {
        // Given the fitted model
        ScaleOutModel m = ScaleOutModel.fit(ONE, LOCAL);
        // When projected on 2 idle cores: 2.5 | 4.5 on the two cores, then 1.5 after 2.5 -> makespan 4.5
        // Then W(2) = 1 + 5.5 + 4 + 4.5 + 0.2
        assertClose(m.projectIdle(2), 15.2, 0, TOL, "W(2) idle");
        // and with contention k = 2 every task and the executors' start-up take twice as long:
        // 4.5 | 8.5, then 2.5 after 4.5 -> 8.5; W = 1 + 5.5 + 8 + 8.5 + 0.2
        assertClose(m.project(2, 2.0), 23.2, 0, TOL, "W(2) k = 2");
    }

    @Test
    void contentionIsTheRatioOfTaskTimesAndTheCheckCanTakeTheRunsOwn() {
        // Given a run of 2 executors whose tasks took 4, 8 and 2 s (twice the fitted run's, sum 14 against 7)
        SweepTiming two = new SweepTiming(KEYS, List.of(4.0, 8.0, 2.0), List.of(20.0, 24.0, 23.0), 24.0, 25.0);
        ScaleOutModel m = ScaleOutModel.fit(ONE, LOCAL);
        // Then the contention factor is 14 / 7 and the projection from its own task times equals project(2, 2)
        assertClose(ScaleOutModel.contention(two, ONE), 2.0, 0, TOL, "k");
        assertClose(m.projectGivenTasks(two, 2), 23.2, 0, TOL, "W(2) given its tasks");
    }

    @Test
    void contentionFromCpuIsProcessorSharingOfTheFittedRunsDemand() {
        // Given a 1-executor run of 20 s whose tasks took 20 s and whose executor JVM used 26 CPU seconds (0.3
        // cores beside its task) while the rest of the machine used 8 (0.4 cores), on 2 cores: 1.7 cores wanted
        // When 2 executors want 2 x 1.3 + 0.4 = 3 cores of the 2, then k = 3 / 2
        assertClose(ScaleOutModel.contentionFromCpu(26, 20, 8, 20, 2, 2), 1.5, 0, TOL, "k(2) on 2 cores");
        // and on 4 cores they fit (k = 1); with 4 executors on 4 cores 5.6 / 4
        assertClose(ScaleOutModel.contentionFromCpu(26, 20, 8, 20, 2, 4), 1.0, 0, TOL, "k(2) on 4 cores");
        assertClose(ScaleOutModel.contentionFromCpu(26, 20, 8, 20, 4, 4), 1.4, 0, TOL, "k(4) on 4 cores");
        // Given a fitted run that itself wanted 1 + 1.6 + 0.4 = 3 cores of 2 (k is relative to it): 2 x 2.6 + 0.4
        // = 5.6 cores wanted, 5.6 / 2 against 3 / 2
        assertClose(ScaleOutModel.contentionFromCpu(52, 20, 8, 20, 2, 2), 5.6 / 3, 0, TOL, "relative to the fit");
    }

    @Test
    void submissionOrderIsNotTheLongestFirstSchedule() {
        // Given 1, 1, 2 s on 2 cores: in order 1 | 1, then 2 after 1 -> 3; longest first 2 | 1 + 1 -> 2
        assertClose(ScaleOutModel.makespan(List.of(1.0, 1.0, 2.0), 2), 3.0, 0, TOL, "FIFO");
        // and the previous model: o1 = (19.2 - 7) / 3, LPT of 4 + o1 | 2 + o1 + 1 + o1 on 2 cores
        double o1 = (19.2 - 7) / 3;
        assertClose(ScaleOutModel.naive(ONE, 2), 3 + 2 * o1, 0, TOL, "previous model");
    }
}
