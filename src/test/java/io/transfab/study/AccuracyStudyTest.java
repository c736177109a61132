package io.transfab.study;

import io.transfab.accuracy.AccuracyRun;
import io.transfab.accuracy.AccuracyStudy;
import io.transfab.accuracy.AccuracyTable;
import io.transfab.accuracy.Contender;
import io.transfab.model.Progress;
import io.transfab.testing.Approx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/accuracy.md's comparison table, recomputed: transfab's default, the plain GP and the plain
 * fine-tune on every task and size of the table, with the splits it names (tens of minutes on 2 cores).
 */
@Tag("study")
class AccuracyStudyTest {
    /** Medians move by less than this between JVMs and platforms with the same seed (float training). */
    static final double TOLERANCE = 0.05;
    static final List<Contender> CONTENDERS = List.of(Contender.DEFAULT, Contender.PLAIN_GP, Contender.PLAIN_FINETUNE);

    @Test
    void theDocsComparisonTableIsWhatTheHarnessComputes() throws Exception {
        // Given the docs' main table (seed 42, assess's ensemble of 3)
        List<AccuracyTable.Row> docs = AccuracyTable.parse(Files.readString(Path.of("docs/accuracy.md")),
                AccuracyTable.MAIN);
        List<String> tasks = docs.stream().map(AccuracyTable.Row::task).distinct().toList();
        List<Integer> sizes = docs.stream().map(AccuracyTable.Row::rows).filter(r -> r.matches("\\d+"))
                .map(Integer::valueOf).distinct().toList();
        AccuracyRun.Settings s = new AccuracyRun.Settings(tasks, sizes, Path.of("examples"),
                new AccuracyStudy.Options(CONTENDERS, docs.get(0).splits(), 3, 42), AccuracyTable.MAIN);
        // When the harness runs every task again
        List<AccuracyTable.Row> now = AccuracyTable.parse(AccuracyRun.markdown(s, AccuracyRun.run(s, Progress.NONE)),
                AccuracyTable.MAIN);
        // Then every row's medians are the documented ones (n/a stays n/a)
        for (int i = 0; i < docs.size(); i++) {
            AccuracyTable.Row d = docs.get(i);
            AccuracyTable.Row n = now.get(i);
            for (Contender c : CONTENDERS) {
                double expected = d.median(c.heading());
                double actual = n.median(c.heading());
                if (Double.isNaN(expected)) {
                    org.assertj.core.api.Assertions.assertThat(actual).as(d.task() + " " + c.heading()).isNaN();
                } else {
                    Approx.assertClose(actual, expected, 0, TOLERANCE, d.task() + " " + d.rows() + " " + c.heading());
                }
            }
        }
    }
}
