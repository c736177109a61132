package io.transfab.server;

import io.transfab.data.DataException;
import io.transfab.workflow.CancelledException;
import io.transfab.workflow.Job;
import io.transfab.workflow.JobCatalog;
import io.transfab.workflow.JobListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's jobs: CLI commands prepared by {@link JobCatalog} and run by at most {@code --jobs}
 * threads, the rest waiting in a bounded queue (a full queue refuses with 503). Every job keeps its
 * folder under {@code WORKSPACE/jobs/ID/} up to date, so a restarted server lists the old jobs (one
 * that was running shows as interrupted).
 */
final class JobManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Least time between two saved progress events of one task (the last step is always saved). */
    private static final long PROGRESS_INTERVAL_MILLIS = 100;

    private final Path root;
    private final Path jobsDir;
    private final long seed;
    private final ThreadPoolExecutor executor;
    private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();
    private final Map<String, Runnable> waiting = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closing;

    JobManager(Workspace workspace, int threads, int queue, long seed) throws IOException {
        this.root = workspace.root();
        this.jobsDir = workspace.jobs();
        this.seed = seed;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new LinkedBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "transfab-job");
                    t.setDaemon(true);
                    return t;
                });
        try (DirectoryStream<Path> s = Files.newDirectoryStream(jobsDir)) {
            for (Path dir : s) {
                if (Files.isRegularFile(dir.resolve(JobRecord.STATUS)) && Workspace.isName(dir.getFileName().toString())) {
                    try {
                        JobRecord r = JobRecord.load(dir);
                        jobs.put(r.id(), r);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("job folder {} cannot be read, left out: {}", dir, e.toString());
                    }
                }
            }
        }
    }

    /**
     * Prepares and queues a job: a bad kind, option or path is the {@link DataException} of
     * {@link JobCatalog#prepare}; a full queue is a 503. Jobs that name no seed get the server's.
     */
    JobRecord submit(String kind, Map<String, String> params, String resumeOf) throws IOException {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.putIfAbsent("seed", Long.toString(seed));
        Job job = JobCatalog.prepare(kind, p, root);
        List<String> outputs = new ArrayList<>();
        for (Path o : job.outputs()) {
            outputs.add(root.relativize(o.toAbsolutePath().normalize()).toString());
        }
        String id = newId();
        JobRecord r = JobRecord.create(id, jobsDir.resolve(id), kind, p, job.commandLine(), outputs, resumeOf);
        jobs.put(id, r);
        Runnable task = () -> run(r, job);
        waiting.put(id, task);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            waiting.remove(id);
            r.finish(JobStatus.CANCELLED, "refused: the queue was full");
            throw Problem.unavailable("the job queue is full (" + executor.getQueue().size() + " waiting, "
                    + executor.getMaximumPoolSize() + " running); try again when a job has finished");
        }
        return r;
    }

    private String newId() {
        byte[] b = new byte[3];
        random.nextBytes(b);
        return ZonedDateTime.now(ZoneOffset.UTC).format(ID_TIME) + "-" + HexFormat.of().formatHex(b);
    }

    private void run(JobRecord r, Job job) {
        waiting.remove(r.id());
        try {
            if (!r.start()) {
                return;
            }
            job.run(listener(r), r.cancellation());
            r.finish(JobStatus.DONE, null);
        } catch (Throwable e) {
            end(r, e);
        }
    }

    private void end(JobRecord r, Throwable e) {
        try {
            if (closing) {
                r.finish(JobStatus.INTERRUPTED, "the server stopped while the job was running");
            } else if (find(e, CancelledException.class) != null || r.cancellation().isCancelled()) {
                r.finish(JobStatus.CANCELLED, "cancelled");
            } else if (find(e, DataException.class) != null) {
                r.finish(JobStatus.FAILED, TransfabServer.oneLine(find(e, DataException.class).getMessage()));
            } else {
                LOG.error("job {} failed", r.id(), e);
                r.finish(JobStatus.FAILED, "internal error (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + TransfabServer.oneLine(e.getMessage())) + ")");
            }
        } catch (IOException io) {
            LOG.error("job {}: its status cannot be saved", r.id(), io);
        }
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Progress (throttled per task, every last step kept) and log lines as the job's events. */
    private static JobListener listener(JobRecord r) {
        Map<String, Long> last = new ConcurrentHashMap<>();
        return new JobListener() {
            @Override
            public void progress(String task, int done, int total) {
                long now = System.nanoTime() / 1_000_000;
                Long before = last.get(task);
                if (done < total && done > 0 && before != null && now - before < PROGRESS_INTERVAL_MILLIS) {
                    return;
                }
                last.put(task, now);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("done", done);
                d.put("total", total);
                d.put("label", task);
                append(r, "progress", d);
            }

            @Override
            public void log(String line) {
                append(r, "log", Map.of("line", line));
            }
        };
    }

    private static void append(JobRecord r, String event, Map<String, Object> data) {
        try {
            r.append(event, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Job {@code id}; 404 when there is none. */
    JobRecord get(String id) {
        JobRecord r = Workspace.isName(id) ? jobs.get(id) : null;
        if (r == null) {
            throw Problem.notFound("no job '" + id + "'");
        }
        return r;
    }

    /** All jobs, newest first. */
    List<JobRecord> list() {
        List<JobRecord> all = new ArrayList<>(jobs.values());
        all.sort(Comparator.comparing(JobRecord::id).reversed());
        return all;
    }

    /** Cancels a queued job at once and asks a running one to stop at its next step; an ended job stays as it is. */
    JobRecord cancel(String id) throws IOException {
        JobRecord r = get(id);
        r.cancellation().cancel();
        Runnable task = waiting.remove(id);
        if (task != null) {
            executor.remove(task);
            r.finish(JobStatus.CANCELLED, "cancelled before it started");
        }
        return r;
    }

    /**
     * Runs an ended assess job again with the same parameters: assess stores every finished unit in its
     * output, so the new job resumes where the old one stopped. Other kinds do not resume (409).
     */
    JobRecord resume(String id) throws IOException {
        JobRecord r = get(id);
        JobStatus s = r.status();
        if (!s.isFinal() || s == JobStatus.DONE) {
            throw Problem.conflict("job " + id + " is " + s.apiName() + "; only an interrupted, failed or cancelled "
                    + "job can be resumed");
        }
        if (!r.kind().equals("assess")) {
            throw Problem.conflict("only assess jobs resume (they store each finished unit); start a new "
                    + r.kind() + " job instead");
        }
        return submit(r.kind(), r.params(), id);
    }

    /** Stops the job threads; a running job ends as interrupted. */
    @Override
    public void close() {
        closing = true;
        executor.shutdownNow();
        for (JobRecord r : jobs.values()) {
            r.cancellation().cancel();
        }
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (JobRecord r : jobs.values()) {
            if (!r.status().isFinal()) {
                try {
                    r.finish(JobStatus.INTERRUPTED, "the server stopped while the job was " + r.status().apiName());
                } catch (IOException e) {
                    LOG.error("job {}: its status cannot be saved", r.id(), e);
                }
            }
        }
    }
}
