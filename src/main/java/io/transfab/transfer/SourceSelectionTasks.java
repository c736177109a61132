package io.transfab.transfer;

import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.model.Json;
import io.transfab.sweep.SweepJob;
import io.transfab.sweep.SweepResult;
import io.transfab.sweep.SweepWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Source selection as sweep tasks: the job is the target and every candidate's rows as encoded
 * matrices with the common schema, the options and the seed; a task is the from-scratch reference
 * or one candidate (its pre-training and cross-validated fine-tuning).
 */
final class SourceSelectionTasks {
    private SourceSelectionTasks() {
    }

    /** The shared part of the tasks (JSON of a job). */
    record JobSpec(Schema schema, double[][] targetX, double[][] targetY, String targetSource,
            List<double[][]> sourceX, List<double[][]> sourceY, List<String> names, SourceSelection.Options options,
            long seed) {
    }

    static SweepJob job(SourceSelection.Scoring scoring, List<String> names) {
        Dataset t = scoring.target();
        List<double[][]> xs = new ArrayList<>();
        List<double[][]> ys = new ArrayList<>();
        for (Dataset s : scoring.sources()) {
            xs.add(s.x());
            ys.add(s.y());
        }
        return SweepJob.of(Factory.class, Json.toString(new JobSpec(t.schema(), t.x(), t.y(), t.source(), xs, ys,
                names, scoring.options(), scoring.seed())), Map.of());
    }

    static SourceSelection.CvScore score(SweepResult r) {
        try {
            return Json.MAPPER.readValue(r.value(), SourceSelection.CvScore.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rebuilds the selection's worker from a job (in a Spark executor). */
    public static final class Factory implements SweepWorker.Factory {
        @Override
        public SweepWorker open(SweepJob job) {
            JobSpec s;
            try {
                s = Json.MAPPER.readValue(job.spec(), JobSpec.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Dataset> sources = new ArrayList<>();
            for (int c = 0; c < s.sourceX().size(); c++) {
                sources.add(Dataset.of(s.schema(), s.sourceX().get(c), s.sourceY().get(c), s.names().get(c)));
            }
            Dataset target = Dataset.of(s.schema(), s.targetX(), s.targetY(), s.targetSource());
            return new SourceSelection.Scoring(target, sources, s.options(), s.seed()).worker(s.names());
        }
    }
}
