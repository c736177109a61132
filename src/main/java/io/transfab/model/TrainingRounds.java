package io.transfab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs independent pieces of work (an assessment unit's methods, a comparator's inner folds, a
 * calibration's refits) as cooperative participants so that the networks they train at the same
 * point of their work are trained together: when every participant is either finished or waiting
 * in {@link #train}, the waiting submissions form one <em>round</em>, their jobs are concatenated
 * in participant order and trained by one call (for the MLP: one batched tensor program), and each
 * participant continues with its share of the results.
 *
 * <p>Exactly one participant runs at a time (a baton passed in a fixed order), so no extra cores are
 * used and the participants need not be thread-safe with respect to one another. A round's
 * composition is a function of the work alone: it is every live participant's next submission, and
 * what a participant submits depends only on the results of its earlier rounds. So the same work
 * gives the same rounds, the same batches and the same bytes whatever thread, executor or machine
 * runs it. Participants may themselves call {@link #all}: their children join the same rounds
 * (ordered after their parent's earlier siblings, before its later ones).
 *
 * <p>Outside {@link #all}, {@link #train} simply trains. The only per-thread state is which
 * participant a thread runs; it is set on the threads {@link #all} starts, never elsewhere.
 */
public final class TrainingRounds {
    private static final ThreadLocal<Participant> CURRENT = new ThreadLocal<>();

    private TrainingRounds() {
    }

    /** A participant's value and the seconds attributed to it (its own running time plus its share of rounds). */
    public record Timed<T>(T value, double seconds) {
    }

    /** Runs every body as a participant and returns their values in order; the first failure (in order) is rethrown. */
    public static <T> List<T> all(List<Supplier<T>> bodies) {
        List<Timed<T>> timed = allTimed(bodies);
        List<T> out = new ArrayList<>(timed.size());
        for (Timed<T> t : timed) {
            out.add(t.value());
        }
        return out;
    }

    /** {@link #all} with each body's attributed seconds. */
    public static <T> List<Timed<T>> allTimed(List<Supplier<T>> bodies) {
        if (bodies.isEmpty()) {
            return List.of();
        }
        Participant parent = CURRENT.get();
        Scheduler s = parent != null ? parent.scheduler : new Scheduler();
        List<Participant> children = new ArrayList<>(bodies.size());
        s.lock.lock();
        try {
            for (int i = 0; i < bodies.size(); i++) {
                children.add(s.add(parent, i, bodies.get(i)));
            }
            if (parent != null) {
                parent.pause(Status.FORKED);
            } else {
                s.passTurn();
                while (children.stream().anyMatch(c -> c.status != Status.DONE)) {
                    s.changed.awaitUninterruptibly();
                }
            }
        } finally {
            s.lock.unlock();
        }
        List<Timed<T>> out = new ArrayList<>(children.size());
        for (Participant c : children) {
            if (c.error != null) {
                throw rethrown(c.error);
            }
        }
        for (Participant c : children) {
            @SuppressWarnings("unchecked")
            T value = (T) c.value;
            out.add(new Timed<>(value, c.seconds));
        }
        return out;
    }

    /**
     * Trains {@code jobs} with {@code trainer}: at once outside a participant; inside one, as part of
     * the next round, in which all submissions of the same {@code kind} are trained by one call of
     * the first submitter's {@code trainer} on their concatenated jobs (it must return one result per
     * job, in order, and give each job the result it would give it alone, to float rounding).
     */
    public static <J, R> List<R> train(String kind, List<J> jobs, Function<List<J>, List<R>> trainer) {
        Participant p = CURRENT.get();
        if (p == null) {
            return trainer.apply(jobs);
        }
        Scheduler s = p.scheduler;
        s.lock.lock();
        try {
            p.submission = new Submission(kind, new ArrayList<>(jobs), erase(trainer));
            p.pause(Status.WAITING);
            Submission done = p.submission;
            p.submission = null;
            if (done.error != null) {
                throw rethrown(done.error);
            }
            @SuppressWarnings("unchecked")
            List<R> results = (List<R>) (List<?>) done.results;
            return results;
        } finally {
            s.lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private static Function<List<Object>, List<?>> erase(Function<?, ?> trainer) {
        return (Function<List<Object>, List<?>>) trainer;
    }

    private static RuntimeException rethrown(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    private enum Status { READY, RUNNING, WAITING, FORKED, DONE }

    private static final class Submission {
        final String kind;
        final List<Object> jobs;
        final Function<List<Object>, List<?>> trainer;
        List<?> results;
        Throwable error;

        Submission(String kind, List<Object> jobs, Function<List<Object>, List<?>> trainer) {
            this.kind = kind;
            this.jobs = jobs;
            this.trainer = trainer;
        }
    }

    private static final class Participant {
        final Scheduler scheduler;
        final Participant parent;
        /** Position in the tree of participants: the order of the baton and of a round's jobs. */
        final int[] path;
        final Supplier<?> body;
        final List<Participant> children = new ArrayList<>();
        Status status = Status.READY;
        Submission submission;
        Object value;
        Throwable error;
        double seconds;
        long runningSince;

        Participant(Scheduler scheduler, Participant parent, int[] path, Supplier<?> body) {
            this.scheduler = scheduler;
            this.parent = parent;
            this.path = path;
            this.body = body;
        }

        /** With the lock held: stops running in {@code status}, passes the baton, waits for it back. */
        void pause(Status why) {
            stopClock();
            status = why;
            scheduler.passTurn();
            while (scheduler.running != this) {
                scheduler.changed.awaitUninterruptibly();
            }
            status = Status.RUNNING;
            runningSince = System.nanoTime();
        }

        void stopClock() {
            seconds += (System.nanoTime() - runningSince) / 1e9;
        }

        void run() {
            CURRENT.set(this);
            Scheduler s = scheduler;
            s.lock.lock();
            try {
                while (s.running != this) {
                    s.changed.awaitUninterruptibly();
                }
                status = Status.RUNNING;
                runningSince = System.nanoTime();
            } finally {
                s.lock.unlock();
            }
            try {
                value = body.get();
            } catch (Throwable t) {
                error = t;
            }
            s.lock.lock();
            try {
                stopClock();
                status = Status.DONE;
                if (parent != null) {
                    parent.seconds += seconds; // a parent's time includes its children's
                    if (parent.children.stream().allMatch(c -> c.status == Status.DONE)) {
                        parent.status = Status.READY;
                        parent.children.clear();
                    }
                }
                s.passTurn();
            } finally {
                s.lock.unlock();
                CURRENT.remove();
            }
        }
    }

    private static final class Scheduler {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final List<Participant> participants = new ArrayList<>();
        Participant running;

        /** With the lock held: a new participant, started on its own thread (it waits for the baton). */
        Participant add(Participant parent, int index, Supplier<?> body) {
            int[] path = parent == null ? new int[] {index} : Arrays.copyOf(parent.path, parent.path.length + 1);
            path[path.length - 1] = index;
            Participant p = new Participant(this, parent, path, body);
            if (parent != null) {
                parent.children.add(p);
            }
            int at = 0;
            while (at < participants.size() && Arrays.compare(participants.get(at).path, path) < 0) {
                at++;
            }
            participants.add(at, p);
            Thread t = new Thread(p::run, "transfab-round-" + Arrays.toString(path));
            t.setDaemon(true);
            t.start();
            return p;
        }

        /**
         * With the lock held and no participant running: gives the baton to the first ready
         * participant; when none is ready, trains the waiting submissions as one round first.
         */
        void passTurn() {
            running = null;
            Participant next = firstReady();
            if (next == null && participants.stream().anyMatch(p -> p.status == Status.WAITING)) {
                runRound();
                next = firstReady();
            }
            participants.removeIf(p -> p.status == Status.DONE && (p.parent == null || p.parent.status != Status.FORKED));
            running = next;
            changed.signalAll();
        }

        private Participant firstReady() {
            for (Participant p : participants) {
                if (p.status == Status.READY) {
                    return p;
                }
            }
            return null;
        }

        /** Trains every waiting submission, kind by kind, each kind's jobs in participant order in one call. */
        private void runRound() {
            List<Participant> waiting = participants.stream().filter(p -> p.status == Status.WAITING).toList();
            Map<String, List<Participant>> byKind = new LinkedHashMap<>();
            for (Participant p : waiting) {
                byKind.computeIfAbsent(p.submission.kind, k -> new ArrayList<>()).add(p);
            }
            lock.unlock(); // nobody else can run: every live participant is waiting or forked
            try {
                for (List<Participant> group : byKind.values()) {
                    List<Object> jobs = new ArrayList<>();
                    for (Participant p : group) {
                        jobs.addAll(p.submission.jobs);
                    }
                    long g0 = System.nanoTime();
                    try {
                        List<?> results = group.get(0).submission.trainer.apply(jobs);
                        if (results.size() != jobs.size()) {
                            throw new IllegalStateException(jobs.size() + " jobs but " + results.size() + " results");
                        }
                        int at = 0;
                        for (Participant p : group) {
                            int n = p.submission.jobs.size();
                            p.submission.results = new ArrayList<>(results.subList(at, at + n));
                            at += n;
                        }
                    } catch (Throwable e) {
                        for (Participant p : group) {
                            p.submission.error = e;
                        }
                    }
                    double secs = (System.nanoTime() - g0) / 1e9;
                    for (Participant p : group) {
                        p.seconds += secs * p.submission.jobs.size() / jobs.size();
                    }
                }
            } finally {
                lock.lock();
            }
            for (Participant p : waiting) {
                p.status = Status.READY;
            }
        }
    }
}
