package io.transfab.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.Dataset;
import io.transfab.data.Table;
import io.transfab.design.DesignMethod;
import io.transfab.design.ParameterSpace;
import io.transfab.design.SuggestGoal;
import io.transfab.model.Progress;
import io.transfab.model.TrainedModel;
import io.transfab.model.Training;
import io.transfab.model.nn.Activation;
import io.transfab.model.nn.MlpOptions;
import io.transfab.model.nn.MlpTrainer;
import io.transfab.model.nn.TrainingOptions;
import io.transfab.testing.Approx;
import io.transfab.transfer.FineTuneOptions;
import io.transfab.transfer.FineTuneStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suggestions, recording, retraining and status of a campaign with a synthetic lab. */
class CampaignTest {
    private static final List<String> TARGETS = List.of("density", "capacity");

    @TempDir
    Path tmp;

    private Campaign init() throws IOException {
        return Campaign.init(tmp.resolve("c"), new Campaign.Setup(CampaignFixtures.space(tmp), TARGETS, null, null,
                null, 1));
    }

    private static void assertInsideSpace(Table t, ParameterSpace space) {
        for (int r = 0; r < t.rowCount(); r++) {
            double gap = t.number(r, t.indexOf("gap"));
            double load = t.number(r, t.indexOf("load"));
            assertThat(gap + 20 * load).isLessThanOrEqualTo(260);
            assertThat(gap).isBetween(100.0, 250.0);
            assertThat(gap % 5).isZero();
            assertThat(load).isIn(0.0, 1.0, 2.0, 3.0);
            assertThat(space.parameters().get(2).levels()).contains(t.cell(r, t.indexOf("binder")));
        }
    }

    @Test
    void designedAndModelSuggestionsRespectTheSpaceConstraints() throws IOException {
        // Given a new campaign
        Campaign c = init();
        // When the first round is suggested, recorded, a model trained and a second round suggested
        Campaign.Suggested first = c.suggest(new SuggestRequest(SuggestGoal.explore(), 10, DesignMethod.LHS, 7));
        c.record(CampaignFixtures.read(CampaignFixtures.runLab(first.table(), tmp.resolve("lab1.csv"), 1)));
        c.retrain(new RetrainOptions(FineTuneOptions.defaults(), false, 7), Progress.NONE);
        Campaign.Suggested second = c.suggest(new SuggestRequest(SuggestGoal.maximize("capacity"), 6,
                DesignMethod.LHS, 7));
        // Then both rounds lie inside the ranges, on the grid and satisfy the constraint; ids name the round
        assertThat(first.round().origin()).isEqualTo("design:lhs");
        assertThat(second.round().origin()).isEqualTo("model:v1");
        assertInsideSpace(first.table(), c.space());
        assertInsideSpace(second.table(), c.space());
        assertThat(first.table().names().get(0)).isEqualTo("suggestion");
        assertThat(second.table().cell(5, 0)).isEqualTo("r2-6");
        assertThat(second.table().names()).contains("capacity_pred", "capacity_std", "acquisition");
        // And the round files hold the same table
        assertThat(c.store().suggestions(2).row(0)).isEqualTo(second.table().row(0));
    }

    @Test
    void recordRejectsBadRowsWithFileRowAndColumnAndRecordsNothing() throws IOException {
        // Given a campaign with one round
        Campaign c = init();
        c.suggest(new SuggestRequest(SuggestGoal.explore(), 4, DesignMethod.LHS, 7));
        String header = "suggestion,gap,load,binder,density,capacity\n";
        String good = "r1-1,150,1,PVDF,2.5,2.9\n";
        // When rows break the range, a level, the constraint, a target, the suggestion id, or repeat a row
        // Then each is refused with a message naming the file, the row and the column
        assertRejected(c, header + good + ",300,1,PVDF,2.5,2.9\n", "row 3, column 'gap'", "outside the space's range");
        assertRejected(c, header + ",150,1,NMP,2.5,2.9\n", "row 2, column 'binder'", "'NMP' is not a level");
        assertRejected(c, header + ",150,1.5,CMC,2.5,2.9\n", "row 2, column 'load'", "not a whole number");
        assertRejected(c, header + ",250,1,CMC,2.5,2.9\n", "row 2, column 'gap, load'",
                "violates the space constraint 'gap + 20*load <= 260'");
        assertRejected(c, header + ",150,1,CMC,n/a,2.9\n", "row 2, column 'density'", "'n/a' is not a finite number");
        assertRejected(c, header + "r7-1,150,1,CMC,2.5,2.9\n", "row 2, column 'suggestion'",
                "unknown suggestion id 'r7-1'");
        assertRejected(c, header + good + good, "row 3", "duplicates row 2 of this file");
        assertRejected(c, "gap,load,density,capacity\n150,1,2.5,2.9\n", "column 'binder'", "column is missing");
        assertThat(c.store().results()).isEmpty();
        // And a good file is recorded, linked to its suggestion
        Campaign.Recorded r = c.record(CsvReader.parse("good.csv", header + good));
        assertThat(r.added()).isEqualTo(1);
        assertThat(r.linked()).isEqualTo(1);
        Table results = c.store().results().orElseThrow();
        assertThat(results.names()).containsExactly("experiment", "suggestion", "gap", "load", "binder", "density",
                "capacity");
        assertThat(results.row(0)).containsExactly("1", "r1-1", "150", "1", "PVDF", "2.5", "2.9");
    }

    private static void assertRejected(Campaign c, String csv, String where, String what) {
        DataException e = assertThrows(DataException.class, () -> c.record(CsvReader.parse("bad.csv", csv)));
        assertThat(e.getMessage()).startsWith("bad.csv, " + where).contains(what);
    }

    @Test
    void retrainAddsAVersionEachTimeAndStatusReportsThem() throws IOException {
        // Given 12 recorded results
        Campaign c = init();
        Campaign.Suggested s = c.suggest(new SuggestRequest(SuggestGoal.explore(), 12, DesignMethod.LHS, 3));
        c.record(CampaignFixtures.read(CampaignFixtures.runLab(s.table(), tmp.resolve("lab.csv"), 1)));
        RetrainOptions o = new RetrainOptions(FineTuneOptions.defaults(), false, 3);
        // When retraining twice, with 4 more results in between
        ModelVersion v1 = c.retrain(o, Progress.NONE).version();
        Campaign.Suggested s2 = c.suggest(new SuggestRequest(SuggestGoal.explore(), 4, DesignMethod.LHS, 3));
        c.record(CampaignFixtures.read(CampaignFixtures.runLab(s2.table(), tmp.resolve("lab2.csv"), 2)));
        ModelVersion v2 = c.retrain(o, Progress.NONE).version();
        // Then v1 and v2 both exist, with their rows, a 5-fold CV and a finite mean predicted std per target
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v1.rows()).isEqualTo(12);
        assertThat(v2.rows()).isEqualTo(16);
        assertThat(v2.folds()).isEqualTo(5);
        assertThat(v2.method()).isEqualTo("gp");
        for (TargetScore t : v2.scores()) {
            assertThat(t.cvRmse()).isPositive();
            assertThat(t.meanStd()).isPositive();
        }
        assertThat(v2.scores().get(0).cvR2()).isGreaterThan(0.5);
        assertThat(c.store().dir().resolve("models/v1/model/model.json")).exists();
        assertThat(TrainedModel.load(c.store().dir().resolve("models/v2/model")).schema().targetNames())
                .isEqualTo(TARGETS);
        // And status lists both rounds and versions, in memory and in status.csv/status.json
        Campaign.Status st = c.status();
        assertThat(st.results()).isEqualTo(16);
        assertThat(st.rounds()).extracting(Campaign.RoundStatus::recorded).containsExactly(12, 4);
        assertThat(st.versions()).extracting(ModelVersion::rows).containsExactly(12, 16);
        Table csv = CsvReader.read(c.store().dir().resolve("status.csv"));
        assertThat(csv.rowCount()).isEqualTo(2);
        assertThat(csv.names()).contains("density_cv_rmse", "density_cv_r2", "capacity_mean_std");
        assertThat(Files.readString(c.store().dir().resolve("status.json"))).contains("\"versions\"");
    }

    /** A campaign over the fixture space with a tiny network pre-trained on 120 rows of a related lab. */
    private Campaign baseCampaign() throws IOException {
        // Given a tiny pre-trained network on 120 source rows of a related lab, and its source table
        SplittableRandom rng = new SplittableRandom(5);
        StringBuilder src = new StringBuilder("gap,load,binder,density,capacity\n");
        for (int i = 0; i < 120; i++) {
            double gap = 100 + 5 * rng.nextInt(31);
            int load = rng.nextInt(4);
            String binder = rng.nextBoolean() ? "PVDF" : "CMC";
            double[] y = CampaignFixtures.measure(gap, load, binder, rng);
            src.append(gap).append(',').append(load).append(',').append(binder).append(',').append(0.9 * y[0])
                    .append(',').append(1.1 * y[1]).append('\n');
        }
        Path source = Files.writeString(tmp.resolve("source.csv"), src.toString());
        Table sourceTable = CsvReader.read(source);
        MlpOptions net = new MlpOptions(List.of(8), Activation.TANH, new TrainingOptions(1e-2, 15, 32, 1e-4, 0, 0,
                1));
        TrainedModel base = Training.fit(Dataset.of(sourceTable, io.transfab.data.Schema.infer(sourceTable,
                List.of("gap", "load", "binder"), TARGETS, List.of())), MlpTrainer.trainer(net), 2, 1, Map.of("options", net),
                Progress.NONE);
        Path baseDir = tmp.resolve("base");
        base.save(baseDir);
        return Campaign.init(tmp.resolve("c"), new Campaign.Setup(CampaignFixtures.space(tmp),
                List.of("capacity"), baseDir, null, source, 1));
    }

    @Test
    void withABaseModelRetrainFineTunesAndRepretrainUsesSourcePlusRecordedRows() throws IOException {
        // Given a tiny pre-trained network on 120 source rows of a related lab, and its source table
        Campaign c = baseCampaign();
        Campaign.Suggested s = c.suggest(new SuggestRequest(SuggestGoal.explore(), 6, DesignMethod.LHS, 3));
        c.record(CampaignFixtures.read(CampaignFixtures.runLab(s.table(), tmp.resolve("lab.csv"), 1)));
        FineTuneOptions d = FineTuneOptions.defaults();
        RetrainOptions o = new RetrainOptions(new FineTuneOptions(FineTuneStrategy.L2SP, d.normalization(),
                d.frozenLayers(), d.l2spAlpha(), d.learningRate(), 20, 0, d.innerFolds()), false, 2);
        // When retraining plainly, then with re-pre-training
        ModelVersion v1 = c.retrain(o, Progress.NONE).version();
        ModelVersion v2 = c.retrain(new RetrainOptions(o.fineTune(), true, 2), Progress.NONE).version();
        // Then v1 is a fine-tuned ensemble of the base, v2 keeps its re-pre-trained network beside the model
        assertThat(v1.method()).isEqualTo("finetune:l2sp");
        assertThat(v1.scores()).extracting(TargetScore::target).containsExactly("capacity");
        assertThat(v1.scores().get(0).meanStd()).isPositive();
        assertThat(v1.folds()).isEqualTo(5);
        assertThat(v2.repretrained()).isTrue();
        assertThat(v2.note()).contains("optimistic");
        TrainedModel pre = TrainedModel.load(c.store().dir().resolve("models/v2/pretrained"));
        assertThat(pre.provenance().rows()).isEqualTo(126);
        assertThat(pre.schema().targetNames()).containsExactly("capacity");
    }

    @Test
    void retrainAndRepretrainKeepTheBaseModelsCompositionGroups() throws IOException {
        // Given a network pre-trained on ilr coordinates of Ni/Mn/Co fractions (summing to 1), its source table,
        // and 8 recorded closed recipes of the campaign
        SplittableRandom rng = new SplittableRandom(3);
        StringBuilder src = new StringBuilder("ni,mn,co,capacity\n");
        StringBuilder lab = new StringBuilder("ni,mn,co,capacity\n");
        for (int i = 0; i < 48; i++) {
            double ni = 0.3 + 0.5 * rng.nextDouble();
            double mn = (1 - ni) * (0.2 + 0.6 * rng.nextDouble());
            double co = 1 - ni - mn;
            double cap = 150 + 20 * Math.log(ni / mn) + 5 * Math.log(co / mn) + rng.nextGaussian();
            (i < 40 ? src : lab).append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f,%.3f%n", ni, mn,
                    1 - ni - mn, cap));
        }
        Path source = Files.writeString(tmp.resolve("source.csv"), src.toString());
        Dataset ds = Dataset.of(CsvReader.read(source), io.transfab.data.Schema.infer(CsvReader.read(source),
                List.of("ni", "mn", "co"), List.of("capacity"), List.of()));
        io.transfab.model.LogRatio lr = io.transfab.model.Compositions.detect(ds.schema(), ds.x()).logRatio();
        assertThat(lr).isNotNull();
        MlpOptions net = new MlpOptions(List.of(8), Activation.TANH, new TrainingOptions(1e-2, 15, 32, 1e-4, 0, 0,
                1));
        TrainedModel base = Training.fit(ds, io.transfab.model.NormalizationScheme.STANDARD, null, null, lr,
                MlpTrainer.trainer(net), 2, 1, Map.of("options", net), Progress.NONE);
        base.save(tmp.resolve("base"));
        Path space = Files.writeString(tmp.resolve("space.yaml"), """
                parameters:
                  - {name: ni, type: continuous, min: 0, max: 1}
                  - {name: mn, type: continuous, min: 0, max: 1}
                  - {name: co, type: continuous, min: 0, max: 1}
                """);
        Campaign c = Campaign.init(tmp.resolve("c"), new Campaign.Setup(space, List.of("capacity"),
                tmp.resolve("base"), null, source, 1));
        c.record(CampaignFixtures.read(Files.writeString(tmp.resolve("lab.csv"), lab.toString())));
        FineTuneOptions d = FineTuneOptions.defaults();
        FineTuneOptions ft = new FineTuneOptions(FineTuneStrategy.L2SP, d.normalization(), d.frozenLayers(),
                d.l2spAlpha(), d.learningRate(), 10, 0, d.innerFolds());

        // When retraining plainly, then with re-pre-training on source plus recorded rows
        TrainedModel v1 = c.retrain(new RetrainOptions(ft, false, 2), Progress.NONE).model();
        TrainedModel v2 = c.retrain(new RetrainOptions(ft, true, 2), Progress.NONE).model();
        TrainedModel pre = TrainedModel.load(c.store().dir().resolve("models/v2/pretrained"));

        // Then every model, the re-pre-trained network included, has the base's group, total and zero replacement
        for (TrainedModel m : List.of(v1, v2, pre, TrainedModel.load(c.store().dir().resolve("models/v2/model")))) {
            assertThat(m.inputScaling().logRatio()).isNotNull();
            assertThat(m.inputScaling().logRatio().groups()).extracting(io.transfab.model.LogRatio.Group::label)
                    .containsExactly("ni+mn+co");
            assertThat(m.inputScaling().logRatio().groups().get(0).delta()).isEqualTo(lr.groups().get(0).delta());
        }
        assertThat(pre.provenance().rows()).isEqualTo(48);
    }

    @Test
    void informativeFirstRoundReadsTheBaseModel() throws IOException {
        // Given a campaign with a base model (categorical binder, stepped gap, integer load)
        Campaign c = baseCampaign();
        // When its first round is an informative design
        Campaign.Suggested s = c.suggest(new SuggestRequest(SuggestGoal.explore(), 6, DesignMethod.INFORMATIVE, 3));
        // Then it has six explained runs, and a campaign without a base refuses the method
        assertThat(s.table().rowCount()).isEqualTo(6);
        assertThat(s.table().names()).contains("reason");
        assertThat(s.round().origin()).isEqualTo("design:informative");
        Campaign plain = Campaign.init(tmp.resolve("plain"), new Campaign.Setup(CampaignFixtures.space(tmp),
                TARGETS, null, null, null, 1));
        assertThrows(DataException.class, () -> plain.suggest(new SuggestRequest(SuggestGoal.explore(), 4,
                DesignMethod.INFLECTION, 1)));
    }

    @Test
    void crossValidationAsOneRoundMatchesFoldByFoldAndRepeatsBytes() throws IOException {
        // Given a Gaussian-process campaign (12 rows) and a fine-tuning campaign (6 rows), both cross-validated 5-fold
        Campaign gp = init();
        Campaign.Suggested s = gp.suggest(new SuggestRequest(SuggestGoal.explore(), 12, DesignMethod.LHS, 3));
        gp.record(CampaignFixtures.read(CampaignFixtures.runLab(s.table(), tmp.resolve("gp-lab.csv"), 1)));
        Files.move(tmp.resolve("c"), tmp.resolve("gp"));
        Campaign ft = baseCampaign();
        Campaign.Suggested s2 = ft.suggest(new SuggestRequest(SuggestGoal.explore(), 6, DesignMethod.LHS, 3));
        ft.record(CampaignFixtures.read(CampaignFixtures.runLab(s2.table(), tmp.resolve("ft-lab.csv"), 1)));
        FineTuneOptions d = FineTuneOptions.defaults();
        FineTuneOptions l2sp = new FineTuneOptions(FineTuneStrategy.L2SP, d.normalization(), d.frozenLayers(),
                d.l2spAlpha(), d.learningRate(), 20, 0, d.innerFolds());
        for (Campaign c : List.of(Campaign.open(tmp.resolve("gp")), ft)) {
            RetrainOptions o = new RetrainOptions(c == ft ? l2sp : d, false, 2);
            // When retraining with the folds as one round, fold by fold (calibrated), and as one round again
            ModelVersion round = c.retrain(o, Progress.NONE).version();
            ModelVersion oneByOne = c.retrain(o, Progress.NONE, true).version();
            ModelVersion again = c.retrain(o, Progress.NONE).version();
            // Then the CV errors agree to float rounding and the final model's std is the same
            assertThat(round.folds()).isEqualTo(5);
            for (int t = 0; t < round.scores().size(); t++) {
                TargetScore a = round.scores().get(t);
                TargetScore b = oneByOne.scores().get(t);
                Approx.assertClose(a.cvRmse(), b.cvRmse(), 1e-6, 1e-9, round.method() + " cv rmse of " + a.target());
                Approx.assertClose(a.cvR2(), b.cvR2(), 1e-6, 1e-9, round.method() + " cv r2 of " + a.target());
                Approx.assertClose(a.meanStd(), b.meanStd(), 1e-9, 0, round.method() + " mean std of " + a.target());
            }
            // And a second run gives the same scores and the same model bytes
            assertThat(again.scores()).isEqualTo(round.scores());
            Path v1 = c.store().dir().resolve("models/v1/model");
            Path v3 = c.store().dir().resolve("models/v3/model");
            try (var files = Files.walk(v1)) {
                List<Path> saved = files.filter(Files::isRegularFile).toList();
                assertThat(saved).isNotEmpty();
                for (Path f : saved) {
                    assertThat(Files.readAllBytes(v3.resolve(v1.relativize(f)))).as(f.toString())
                            .isEqualTo(Files.readAllBytes(f));
                }
            }
        }
    }
}
