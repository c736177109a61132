package io.transfab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Rounds: what every participant submits at the same point is trained by one call, in a fixed order. */
class TrainingRoundsTest {
    /** A "trainer" that records each call's jobs and returns every job doubled. */
    private static final class Recorder implements Function<List<Integer>, List<Integer>> {
        final List<List<Integer>> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Integer> apply(List<Integer> jobs) {
            calls.add(List.copyOf(jobs));
            return jobs.stream().map(j -> 2 * j).toList();
        }
    }

    @Test
    void submissionsAtTheSamePointFormOneCallInParticipantOrder() {
        // Given three participants: two submit twice, one once, and one finishes without training
        Recorder r = new Recorder();
        List<Supplier<Integer>> bodies = List.of(
                () -> sum(TrainingRounds.train("k", List.of(1, 2), r)) + sum(TrainingRounds.train("k", List.of(3), r)),
                () -> 7,
                () -> sum(TrainingRounds.train("k", List.of(10), r)),
                () -> sum(TrainingRounds.train("k", List.of(20), r)) + sum(TrainingRounds.train("k", List.of(30, 40), r)));
        // When they run as rounds
        List<Integer> values = TrainingRounds.all(bodies);
        // Then the first submissions are one call, the second ones another, each in participant order
        assertEquals(List.of(List.of(1, 2, 10, 20), List.of(3, 30, 40)), r.calls);
        assertEquals(List.of(12, 7, 20, 180), values);
    }

    @Test
    void childrenOfAParticipantJoinTheSameRounds() {
        // Given a participant that forks two children, and a sibling after it
        Recorder r = new Recorder();
        List<Supplier<Integer>> bodies = List.of(
                () -> TrainingRounds.all(List.<Supplier<Integer>>of(
                        () -> sum(TrainingRounds.train("k", List.of(1), r)),
                        () -> sum(TrainingRounds.train("k", List.of(2), r)))).stream().mapToInt(Integer::intValue).sum(),
                () -> sum(TrainingRounds.train("k", List.of(3), r)));
        // When they run
        List<Integer> values = TrainingRounds.all(bodies);
        // Then the children's and the sibling's jobs are one call, the children first
        assertEquals(List.of(List.of(1, 2, 3)), r.calls);
        assertEquals(List.of(6, 6), values);
    }

    @Test
    void kindsTrainSeparatelyAndOutsideRoundsTrainingIsImmediate() {
        // Given two kinds of submission in one round, and a call outside any round
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        TrainingRounds.all(List.<Supplier<Integer>>of(() -> sum(TrainingRounds.train("a", List.of(1), a)),
                () -> sum(TrainingRounds.train("b", List.of(2), b)), () -> sum(TrainingRounds.train("a", List.of(3), a))));
        // When / Then one call per kind, and the outside call is its own
        assertEquals(List.of(List.of(1, 3)), a.calls);
        assertEquals(List.of(List.of(2)), b.calls);
        assertEquals(List.of(8), TrainingRounds.train("a", List.of(4), a));
        assertEquals(List.of(4), a.calls.get(1));
    }

    @Test
    void aFailedCallFailsEverySubmitterAndTheFirstFailureInOrderIsRethrown() {
        // Given a round whose training fails, and a later participant that fails on its own
        Function<List<Integer>, List<Integer>> broken = jobs -> {
            throw new IllegalStateException("diverged");
        };
        List<Supplier<Integer>> bodies = List.of(() -> 1, () -> sum(TrainingRounds.train("k", List.of(1), broken)),
                () -> {
                    throw new IllegalArgumentException("bad input");
                });
        // When they run / Then the training failure (participant 1) is what the caller sees
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainingRounds.all(bodies));
        assertEquals("diverged", e.getMessage());
    }

    private static int sum(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).sum();
    }
}
