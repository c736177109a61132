package io.transfab.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.Splits;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.ElectrodeParameters;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.testing.Approx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceSelectionTest {
    private static final List<String> FEATURES = ElectrodeParameters.names();
    private static final List<String> TARGETS = List.of("porosity", "thickness_um");

    private static Table named(Table t, String name) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            rows.add(t.row(r));
        }
        return Table.of(name, t.names(), t.units(), rows);
    }

    /** The table with its target columns shuffled across rows: same marginals, no relation to the settings. */
    private static Table unrelated(Table t, long seed) {
        int[] perm = Splits.permutation(t.rowCount(), seed);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> row = new ArrayList<>(t.row(r));
            for (String target : TARGETS) {
                int c = t.indexOf(target);
                row.set(c, t.cell(perm[r], c));
            }
            rows.add(row);
        }
        return Table.of("unrelated.csv", t.names(), t.units(), rows);
    }

    private static SourceSelection.Options fast(boolean union) {
        MlpOptions net = new MlpOptions(List.of(32, 32), MlpOptions.defaults().activation(),
                TrainingOptions.defaults().withMaxEpochs(40));
        return new SourceSelection.Options(3, net, FineTuneOptions.defaults().withStrategy(FineTuneStrategy.L2SP),
                union);
    }

    @Test
    void aRelatedSourceRanksAboveAnUnrelatedOneAndBeatsScratch() {
        // Given an NMC target of 24 rows, a related NMC source and an unrelated one (graphite, targets shuffled)
        Table target = named(ElectrodeSimulator.of(Chemistry.NMC).simulate(24, 10L), "target.csv");
        Table related = named(ElectrodeSimulator.of(Chemistry.NMC).simulate(250, 11L), "related.csv");
        Table other = unrelated(ElectrodeSimulator.of(Chemistry.GRAPHITE).simulate(250, 12L), 13L);
        List<SourceSelection.Source> sources = List.of(new SourceSelection.Source("unrelated.csv", other),
                new SourceSelection.Source("related.csv", related));
        // When they are ranked by 3-fold CV
        SourceSelection.Ranking r = SourceSelection.rank(sources, target, FEATURES, TARGETS, fast(false), 5L,
                (task, done, total) -> { });
        // Then the related source comes first, helps over scratch, and the unrelated one is more shifted
        assertThat(r.candidates()).extracting(SourceSelection.Candidate::name)
                .containsExactly("related.csv", "unrelated.csv");
        assertThat(r.candidates()).extracting(SourceSelection.Candidate::rank).containsExactly(1, 2);
        assertThat(r.best().gainOverScratch()).isGreaterThan(0.0);
        assertThat(r.transferHelps()).isTrue();
        assertThat(r.candidates().get(1).cvRmse()).isGreaterThan(r.best().cvRmse());
        assertThat(r.candidates().get(1).mmd2()).isGreaterThan(r.best().mmd2());
        assertThat(r.best().sourceRows()).isEqualTo(250);
        assertEquals(3, r.folds());
        assertEquals(TARGETS, r.targets());
    }

    @Test
    void theUnionStacksTheSourcesWithASourceColumn() {
        // Given two sources
        Table a = ElectrodeSimulator.of(Chemistry.NMC).simulate(5, 1L);
        Table b = ElectrodeSimulator.of(Chemistry.LFP).simulate(7, 1L);
        List<String> cols = SourceSelection.columns(a, FEATURES, TARGETS);
        // When their union is built
        Table u = SourceSelection.union(List.of(new SourceSelection.Source("a.csv", a),
                new SourceSelection.Source("b.csv", b)), cols);
        // Then it has the shared columns plus 'source', all rows, labelled by table
        assertThat(u.names()).containsExactlyElementsOf(concat(cols, SourceSelection.SOURCE_COLUMN));
        assertEquals(12, u.rowCount());
        assertEquals("a.csv", u.cell(0, u.indexOf("source")));
        assertEquals("b.csv", u.cell(11, u.indexOf("source")));
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    @Test
    void aSourceWithoutATargetColumnIsNamedWithTheColumn() {
        // Given a source that lacks thickness_um
        Table target = named(ElectrodeSimulator.of(Chemistry.NMC).simulate(12, 1L), "target.csv");
        Table full = ElectrodeSimulator.of(Chemistry.NMC).simulate(20, 2L);
        List<String> keep = new ArrayList<>(full.names());
        keep.remove("thickness_um");
        Table lacking = SourceSelection.project(named(full, "lacking.csv"), keep);
        // When it is ranked
        DataException e = assertThrows(DataException.class, () -> SourceSelection.rank(
                List.of(new SourceSelection.Source("lacking.csv", lacking)), target, FEATURES, TARGETS, fast(true),
                1L, (task, done, total) -> { }));
        // Then the message names the file and the column
        assertThat(e.getMessage()).contains("lacking.csv").contains("thickness_um");
    }

    @Test
    void optionsRejectAutoAndTooFewFoldsAndNoTargets() {
        // Given auto fine-tuning, one fold, or no target: each is refused
        MlpOptions net = MlpOptions.defaults();
        assertThrows(DataException.class, () -> new SourceSelection.Options(5, net,
                FineTuneOptions.defaults(), true));
        assertThrows(DataException.class, () -> new SourceSelection.Options(1, net,
                FineTuneOptions.defaults().withStrategy(FineTuneStrategy.FULL), true));
        assertThrows(DataException.class, () -> SourceSelection.columns(
                ElectrodeSimulator.of(Chemistry.NMC).simulate(3, 1L), FEATURES, List.of()));
    }

    @Test
    void theFoldsTrainedAsOneRoundScoreAsTheyDoOneAfterTheOtherAndTheSameTwice() {
        // Given a 15-row NMC target, one 80-row NMC source and small networks, encoded with the common schema
        Table target = named(ElectrodeSimulator.of(Chemistry.NMC).simulate(15, 20L), "target.csv");
        List<SourceSelection.Source> sources = List.of(new SourceSelection.Source("source.csv",
                ElectrodeSimulator.of(Chemistry.NMC).simulate(80, 21L)));
        List<String> cols = SourceSelection.columns(target, FEATURES, TARGETS);
        Schema schema = SourceSelection.schema(sources, target, cols, TARGETS);
        MlpOptions net = new MlpOptions(List.of(16, 16), MlpOptions.defaults().activation(),
                TrainingOptions.defaults().withMaxEpochs(20));
        SourceSelection.Scoring scoring = new SourceSelection.Scoring(
                Dataset.of(SourceSelection.project(target, cols), schema),
                List.of(Dataset.of(SourceSelection.project(sources.get(0).table(), cols), schema)),
                new SourceSelection.Options(3, net, FineTuneOptions.defaults().withStrategy(FineTuneStrategy.L2SP),
                        false), 7L);
        for (int index : new int[] {-1, 0}) {
            // When the reference (-1) and the candidate (0) are scored as one round, again, and fold by fold
            SourceSelection.CvScore round = scoring.score(index, true);
            SourceSelection.CvScore again = scoring.score(index, true);
            SourceSelection.CvScore oneByOne = scoring.score(index, false);
            // Then the round gives the sequential scores to float rounding, and the same bits twice
            Approx.assertClose(round.rmse(), oneByOne.rmse(), 1e-6, 1e-9, "rmse of " + index);
            Approx.assertClose(round.rowLoss(), oneByOne.rowLoss(), 1e-5, 1e-9, "row losses of " + index);
            assertEquals(round.rmse(), again.rmse());
            assertArrayEquals(round.rowLoss(), again.rowLoss());
        }
    }
}
