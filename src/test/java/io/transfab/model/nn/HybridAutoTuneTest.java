package io.transfab.model.nn;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.MediaDataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.evaluate.Splits;
import io.transfab.model.Progress;
import io.transfab.model.Seeds;
import io.transfab.testing.HybridFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** finetune --strategy auto for hybrids: inner CV over l2sp, freeze, full, head and scratch. */
class HybridAutoTuneTest {
    private static final HybridOptions SMALL = new HybridOptions(List.of(6, 8), 8, 16, 16,
            new TrainingOptions(3e-3, 30, 16, 1e-4, 0.0, 0.0, 1));
    private static final TrainingOptions TUNE = new TrainingOptions(1e-3, 10, 32, 0.0, 0.0, 0.0, 1);

    @TempDir
    static Path dir;
    static HybridModel base;
    static MediaDataset target;

    @BeforeAll
    static void pretrain() {
        // A base trained on 120 source rows and a target of 12 rows of the same material
        Table source = CsvReader.read(HybridFixtures.imageTable(dir.resolve("s"), 120, 16, 21));
        Schema schema = Schema.infer(source, List.of("x1", "x2", "image", "profile"), List.of("y"), List.of());
        base = HybridTrainer.fit(MediaDataset.of(source, schema), SMALL, 2, 4, Progress.NONE);
        target = MediaDataset.of(CsvReader.read(HybridFixtures.imageTable(dir.resolve("t"), 12, 16, 22)), schema);
    }

    @Test
    void scoresEveryCandidateAndPrefersTransferOverScratchWhenTheBaseFits() {
        // When auto runs a 3-fold inner CV with 10 fine-tuning epochs
        HybridAutoTune.Result r = HybridAutoTune.run(base, target, 1, 1e-2, TUNE, 3, 9, Progress.NONE);
        HybridAutoTune.Selection s = r.selection();
        // Then every candidate has a finite score, in preference order
        assertThat(s.scores()).extracting(HybridAutoTune.Score::candidate).containsExactlyElementsOf(
                HybridAutoTune.PREFERENCE);
        assertThat(s.scores()).allSatisfy(c -> assertThat(c.cvRmse()).isFinite().isPositive());
        assertThat(s.folds()).isEqualTo(3);
        // And a base trained on the same material beats 20 epochs from scratch on 8 rows, so transfer is chosen
        double scratch = s.scores().get(5).cvRmse();
        double bestTransfer = s.scores().subList(0, 5).stream().mapToDouble(HybridAutoTune.Score::cvRmse).min()
                .orElseThrow();
        assertThat(bestTransfer).isLessThan(scratch);
        assertThat(s.chosen()).isNotEqualTo("scratch");
        assertThat(s.reason()).contains("3-fold CV on the 12 target rows");
        // And the final model is the chosen strategy on every member, with the selection recorded
        assertThat(r.model().method()).isEqualTo("hybrid-finetune:" + s.chosen());
        assertThat(r.model().members()).hasSize(2);
        assertThat(r.model().details()).containsKey("selection");
    }

    @Test
    void aFoldNetworkIsTheSameAloneAndInsideTheBatchedCv() {
        // Given 5 folds of the 12 target rows (training folds of 9 and 10 rows, so 1 validation row each and
        // mini-batches of 4 give 2 and 3 steps per epoch, the last one short), dropout, decay, early
        // stopping and the target rows' standardisation refitted per fold
        TrainingOptions training = new TrainingOptions(2e-3, 6, 4, 1e-3, 0.1, 0.1, 2);
        HybridAutoTune.Tuning tuning = new HybridAutoTune.Tuning(1, 0.5, training, HybridFineTune.Rescale.ALL);
        List<Splits.Split> splits = Splits.kFold(target.size(), 5, 3);
        HybridModel first = new HybridModel(base.schema(), base.scaling(), base.members().subList(0, 1),
                base.method(), base.details(), base.provenance());
        for (String candidate : HybridAutoTune.PREFERENCE.subList(1, HybridAutoTune.PREFERENCE.size())) {
            // When a candidate's 5 fold networks train as one batch, and each fold's network alone on its rows
            List<HybridModel> batched = HybridAutoTune.foldModels(candidate, base, target, splits, tuning, 17);
            for (int f = 0; f < splits.size(); f++) {
                MediaDataset rows = target.subset(splits.get(f).train());
                long seed = Seeds.derive(17, f);
                HybridModel alone = HybridAutoTune.SCRATCH.equals(candidate)
                        ? HybridTrainer.fit(rows, HybridAutoTune.scratchOptions(base.architecture(), training), 1,
                                seed, Progress.NONE)
                        : HybridTrainer.fineTune(first, rows, tuning.spec(candidate), seed, Progress.NONE);
                // Then the batched fold network predicts every target row as the lone one does, to float rounding
                assertClose(batched.get(f).predict(target, Progress.NONE).mean(),
                        alone.predict(target, Progress.NONE).mean(), 1e-5, 1e-6, candidate + " fold " + f);
            }
        }
    }

    @Test
    void theBaseCandidateIsTheBaseModelUnchanged() {
        // When the "base" candidate is built on the target rows
        HybridModel asIs = HybridTrainer.asIs(base, target, 3);
        // Then it predicts exactly as the base, and is recorded as fine-tuning result "base" on the target rows
        assertThat(asIs.predict(target, Progress.NONE).mean()).isDeepEqualTo(base.predict(target, Progress.NONE).mean());
        assertThat(asIs.method()).isEqualTo("hybrid-finetune:" + HybridAutoTune.BASE);
        assertThat(asIs.provenance().dataSha256()).isEqualTo(target.sha256());
        assertThat(HybridAutoTune.PREFERENCE.get(0)).isEqualTo(HybridAutoTune.BASE);
    }

    @Test
    void tooFewRowsForTheInnerCvIsADataError() {
        // Given 3 target rows, when auto runs, then a one-line error names the other strategies
        MediaDataset three = target.subset(new int[] {0, 1, 2});
        DataException e = assertThrows(DataException.class,
                () -> HybridAutoTune.run(base, three, 1, 1e-2, TUNE, 5, 1, Progress.NONE));
        assertThat(e.getMessage()).contains("at least 4 target rows").contains("--strategy");
    }
}
