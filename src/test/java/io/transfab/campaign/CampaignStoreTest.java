package io.transfab.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.Table;
import io.transfab.design.DesignMethod;
import io.transfab.design.SuggestGoal;
import io.transfab.model.Json;
import io.transfab.model.Progress;
import io.transfab.transfer.FineTuneOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign store survives a kill between writes: no recorded experiment is lost, reopening is consistent. */
class CampaignStoreTest {
    @TempDir
    Path tmp;

    /** A kill: the store's hook throws after the n-th completed write (1 = the first write of the operation). */
    private static CampaignStore.WriteHook killAfter(int n) {
        AtomicInteger writes = new AtomicInteger();
        return p -> {
            if (writes.incrementAndGet() == n) {
                throw new IOException("simulated kill after writing " + p.getFileName());
            }
        };
    }

    private Path newCampaignWithRound() throws IOException {
        Path dir = tmp.resolve("c");
        Campaign c = Campaign.init(dir, new Campaign.Setup(CampaignFixtures.space(tmp), List.of("density",
                "capacity"), null, null, null, 1));
        c.suggest(new SuggestRequest(SuggestGoal.explore(), 8, DesignMethod.LHS, 2));
        return dir;
    }

    private static Manifest manifestOnDisk(Path dir) throws IOException {
        return Json.MAPPER.readValue(Files.readString(dir.resolve("campaign.json")), Manifest.class);
    }

    @Test
    void aKillBetweenResultsAndManifestLosesNoRecordedExperiment() throws IOException {
        // Given a campaign with a suggested round and its measured results
        Path dir = newCampaignWithRound();
        Table round = Campaign.open(dir).store().suggestions(1);
        Path results = CampaignFixtures.runLab(round, tmp.resolve("lab.csv"), 3);
        // When the process dies right after results.csv is written, before the manifest is
        Campaign dying = Campaign.open(dir, killAfter(1));
        assertThrows(IOException.class, () -> dying.record(CampaignFixtures.read(results)));
        assertThat(manifestOnDisk(dir).history().results()).isZero();
        // Then reopening keeps all 8 experiments and brings the manifest up to date
        Campaign reopened = Campaign.open(dir);
        assertThat(reopened.store().reconciled()).isTrue();
        assertThat(reopened.store().results().orElseThrow().rowCount()).isEqualTo(8);
        assertThat(manifestOnDisk(dir).history().results()).isEqualTo(8);
        assertThat(manifestOnDisk(dir).history().rounds()).containsExactly(1);
        // And recording the same file again is refused as duplicates, so the retry cannot double the rows
        var e = assertThrows(io.transfab.data.DataException.class,
                () -> reopened.record(CampaignFixtures.read(results)));
        assertThat(e.getMessage()).contains("row 2").contains("duplicates experiment 1 already recorded");
        assertThat(Campaign.open(dir).store().results().orElseThrow().rowCount()).isEqualTo(8);
        assertThat(Campaign.open(dir).store().reconciled()).isFalse();
    }

    /** The pid of a process that has ended (as a killed writer's is). */
    private static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aKillBeforeTheFirstWriteCompletesLeavesTheOldResultsAndNoTemporaryFiles() throws Exception {
        // Given a campaign with 8 recorded results and the temporaries a writer killed during a rename left
        // (named as AtomicOutput names them: .<target>.tmp-<pid>-<random>, the pid no longer running)
        Path dir = newCampaignWithRound();
        Campaign c = Campaign.open(dir);
        c.record(CampaignFixtures.read(CampaignFixtures.runLab(c.store().suggestions(1), tmp.resolve("lab.csv"), 3)));
        String before = Files.readString(dir.resolve("results.csv"));
        long dead = deadPid();
        Path stale = Files.writeString(dir.resolve(".results.csv.tmp-" + dead + "-1a2b"), "half a fi");
        Path staleRound = Files.createDirectories(dir.resolve("rounds").resolve(".round-2.tmp-" + dead + "-3c4d"));
        Files.writeString(staleRound.resolve("suggestions.csv"), "x\n");
        // When the campaign is opened again
        Campaign reopened = Campaign.open(dir);
        // Then the results are the complete old file, the leftovers are gone, and nothing needed reconciling
        assertThat(Files.readString(dir.resolve("results.csv"))).isEqualTo(before);
        assertThat(stale).doesNotExist();
        assertThat(staleRound).doesNotExist();
        assertThat(reopened.store().reconciled()).isFalse();
        assertThat(reopened.store().rounds()).hasSize(1);
    }

    @Test
    void openingACampaignKeepsTheTemporariesOfAWriterThatIsStillRunning() throws Exception {
        // Given a campaign and the temporaries of a live writer (this test's own process) in the middle of a write
        Path dir = newCampaignWithRound();
        long live = ProcessHandle.current().pid();
        Path writing = Files.writeString(dir.resolve(".results.csv.tmp-" + live + "-5e6f"), "being writ");
        Path round = Files.createDirectories(dir.resolve("rounds").resolve(".round-2.tmp-" + live + "-7a8b"));
        // When another command opens the campaign meanwhile
        Campaign.open(dir);
        // Then the live writer's temporaries are left alone (removing them would break its rename)
        assertThat(writing).hasContent("being writ");
        assertThat(round).isDirectory();
    }

    @Test
    void aKillAfterSuggestOrRetrainKeepsTheRoundAndTheVersion() throws IOException {
        // Given a campaign with recorded results
        Path dir = newCampaignWithRound();
        Campaign c = Campaign.open(dir);
        c.record(CampaignFixtures.read(CampaignFixtures.runLab(c.store().suggestions(1), tmp.resolve("lab.csv"), 3)));
        // When retrain dies after writing models/v1 and before the manifest
        RetrainOptions o = new RetrainOptions(FineTuneOptions.defaults(), false, 4);
        assertThrows(IOException.class, () -> Campaign.open(dir, killAfter(1)).retrain(o, Progress.NONE));
        // Then the version is there on reopening and the next round uses it
        Campaign reopened = Campaign.open(dir);
        assertThat(reopened.store().reconciled()).isTrue();
        assertThat(reopened.store().versions()).extracting(ModelVersion::version).containsExactly(1);
        // When suggest dies after writing rounds/round-2
        assertThrows(IOException.class, () -> Campaign.open(dir, killAfter(1)).suggest(new SuggestRequest(
                SuggestGoal.maximize("capacity"), 4, DesignMethod.LHS, 5)));
        // Then round 2 exists, came from model v1, and the next suggestion is round 3, not a second round 2
        Campaign again = Campaign.open(dir);
        assertThat(again.store().rounds()).extracting(Round::origin).containsExactly("design:lhs", "model:v1");
        Campaign.Suggested s3 = again.suggest(new SuggestRequest(SuggestGoal.explore(), 2, DesignMethod.LHS, 6));
        assertThat(s3.round().round()).isEqualTo(3);
        assertThat(manifestOnDisk(dir).history().rounds()).containsExactly(1, 2, 3);
    }
}
