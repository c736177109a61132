package io.transfab.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transfab.model.Progress;
import io.transfab.testing.Approx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small CI version of {@code AccuracyStudyTest}: docs/accuracy.md's "ci" table, recomputed. */
class AccuracyHarnessTest {
    static final Path DOCS = Path.of("docs/accuracy.md");
    /** Medians move by less than this between JVMs and platforms with the same seed (float training). */
    static final double TOLERANCE = 0.03;

    @Test
    void theDocsCiTableIsWhatTheHarnessComputes() throws Exception {
        // Given the docs' CI table: WMG conditions, one grouped 6-fold CV, ensemble 1, seed 42
        List<AccuracyTable.Row> docs = AccuracyTable.parse(Files.readString(DOCS), "ci");
        assertEquals(1, docs.size());
        AccuracyRun.Settings s = new AccuracyRun.Settings(List.of("wmg-conditions"), List.of(10), Path.of("examples"),
                new AccuracyStudy.Options(List.of(Contender.DEFAULT, Contender.PLAIN_GP), docs.get(0).splits(), 1, 42),
                "ci");
        // When the harness runs it again
        List<AccuracyTable.Row> now = AccuracyTable.parse(AccuracyRun.markdown(s, AccuracyRun.run(s, Progress.NONE)),
                "ci");
        // Then every median is the documented one
        for (String heading : List.of("transfab default", "plain GP")) {
            Approx.assertClose(now.get(0).median(heading), docs.get(0).median(heading), 0, TOLERANCE, heading);
        }
    }

    @Test
    void theTableParsesBackWhatItWrote() {
        // Given two cells, one of them not run (no source)
        AccuracyStudy.TaskResult r = new AccuracyStudy.TaskResult("t", "d", false, 0, 50, List.of(
                new AccuracyStudy.Cell("t", 10, Contender.PLAIN_GP, List.of(0.5, -0.25, 0.75), List.of(), 1),
                new AccuracyStudy.Cell("t", 10, Contender.PLAIN_FINETUNE, List.of(), List.of(), 0)), 0);
        // When written and parsed
        String md = AccuracyTable.markdown(List.of(r), List.of(Contender.PLAIN_GP, Contender.PLAIN_FINETUNE), 3, "x");
        AccuracyTable.Row row = AccuracyTable.parse(md, "x").get(0);
        // Then the median (0.5, numpy's type-7 quartiles -0.125 and 0.625) and n/a come back
        assertThat(md).contains("0.500 [0.125, 0.625]");
        Approx.assertClose(row.median("plain GP"), 0.5, 0, 1e-12, "median");
        assertThat(row.median("plain fine-tune")).isNaN();
        assertEquals("10", row.rows());
        assertEquals(3, row.splits());
    }
}
