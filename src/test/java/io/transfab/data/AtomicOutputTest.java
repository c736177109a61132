package io.transfab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory and file outputs: what they may replace, what a failed swap leaves, and stale siblings. */
class AtomicOutputTest {
    @TempDir
    Path dir;

    private static void writeExplanation(Path tmp, String content) throws IOException {
        Files.writeString(tmp.resolve("explain.json"), content);
        Files.writeString(tmp.resolve("shap.csv"), "row\n");
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesAnEarlierOutputOfTheSameKindAndSaysSo() throws IOException {
        // Given an explanation written once
        OutputTarget target = OutputTarget.of(dir.resolve("out"), OutputKind.EXPLANATION);
        assertThat(AtomicOutput.writeDirectory(target.check(), tmp -> writeExplanation(tmp, "first"))).isFalse();

        // When the same kind is written there again
        OutputTarget again = target.check();
        boolean replaced = AtomicOutput.writeDirectory(again, tmp -> writeExplanation(tmp, "second"));

        // Then it is replaced, the message says so, and no sibling is left
        assertThat(replaced).isTrue();
        assertThat(again.replacedMessage()).isEqualTo("replaced the previous explanation at " + target.path());
        assertThat(Files.readString(target.path().resolve("explain.json"))).isEqualTo("second");
        assertThat(names(dir)).containsExactly("out");
    }

    @Test
    void recognisesOutputsOfOlderVersionsWithoutMarker() throws IOException {
        // Given a model directory as older versions wrote it (no marker, model.json names the format)
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("model.json"), "{\"format\": \"transfab-model\", \"formatVersion\": 1}");

        // When / Then it is a model, and not an explanation
        assertThat(OutputKind.MODEL.recognises(model)).isTrue();
        assertThat(OutputKind.EXPLANATION.recognises(model)).isFalse();
        assertThat(OutputTarget.of(model, OutputKind.MODEL).check().replaces()).isTrue();
    }

    @Test
    void refusesAUserFolderWithoutForceAndReplacesItWithForce() throws IOException {
        // Given a user's folder with notes
        Path user = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(user.resolve("notes.txt"), "keep me");
        OutputTarget target = OutputTarget.of(user, OutputKind.EXPLANATION);

        // When it is the output without --force
        DataException e = assertThrows(DataException.class, target::check);

        // Then it is refused with one line naming the path and --force, and the notes stay
        assertThat(e.getMessage()).contains(user.toString()).contains("--force").doesNotContain("\n");
        assertThat(Files.readString(user.resolve("notes.txt"))).isEqualTo("keep me");

        // When --force is given, the folder is replaced
        OutputTarget forced = target.with(true, List.of()).check();
        assertThat(AtomicOutput.writeDirectory(forced, tmp -> writeExplanation(tmp, "new"))).isTrue();
        assertThat(names(user)).containsExactly(OutputKind.MARKER, "explain.json", "shap.csv");
    }

    @Test
    void refusesEvenWithForceAFolderHoldingAnInput() throws IOException {
        // Given a folder holding the command's input table, reached through a path with '..'
        Path data = Files.createDirectories(dir.resolve("data").resolve("deep"));
        Path table = Files.writeString(data.resolve("t.csv"), "a,y\n1,2\n");
        Path above = dir.resolve("data").resolve("deep").resolve("..");

        // When it (or the folder itself) is the output, even with --force
        for (Path out : List.of(above, data)) {
            OutputTarget target = OutputTarget.of(out, OutputKind.MODEL).with(true, List.of(table));
            DataException e = assertThrows(DataException.class, target::check);

            // Then it is refused, naming the input, and the table stays
            assertThat(e.getMessage()).contains(table.toString()).contains("--force");
        }
        assertThat(Files.readString(table)).isEqualTo("a,y\n1,2\n");
    }

    @Test
    void neverReplacesASymbolicLinkToADirectory() throws IOException {
        // Given a link to a directory that is an earlier output
        Path real = Files.createDirectories(dir.resolve("real"));
        writeExplanation(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);

        // When / Then writing to the link is refused, even with --force, and both stay
        OutputTarget target = OutputTarget.of(link, OutputKind.EXPLANATION).with(true, List.of());
        assertThat(assertThrows(DataException.class, target::check).getMessage()).contains("symbolic link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real.resolve("explain.json"))).isEqualTo("old");
    }

    @Test
    void aFileOutputRefusesALinkToAFileAndADirectory() throws IOException {
        // Given a link to a user's file, and a directory
        Path file = Files.writeString(dir.resolve("precious.csv"), "x\n1\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), file);
        Path folder = Files.createDirectories(dir.resolve("folder.csv"));

        // When / Then both are refused and nothing changes
        assertThat(assertThrows(DataException.class, () -> AtomicOutput.writeString(link, "y\n")).getMessage())
                .contains(link.toString()).contains("symbolic link");
        assertThat(assertThrows(DataException.class, () -> AtomicOutput.writeString(folder, "y\n")).getMessage())
                .contains("is a directory");
        // And as a single-file output they are refused before the work, even with --force
        assertThat(assertThrows(DataException.class, () -> OutputTarget.of(link, OutputKind.PREDICTIONS)
                .with(true, List.of()).check()).getMessage()).contains("symbolic link");
        assertThat(assertThrows(DataException.class, () -> OutputTarget.of(folder, OutputKind.PREDICTIONS)
                .with(true, List.of()).check()).getMessage()).contains("is a directory");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(file)).isEqualTo("x\n1\n");
        assertThat(Files.isDirectory(folder)).isTrue();
    }

    @Test
    void aFileOutputWritesThroughToADeviceWithoutReplacingIt() throws IOException {
        // Given a device file
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(devNull));

        // When a CSV is written to it
        OutputTarget target = OutputTarget.of(devNull, OutputKind.PREDICTIONS).check();
        assertThat(AtomicOutput.writeFile(target, "x\n1\n")).isFalse();

        // Then it is still the device (not a regular file renamed over it), and no marker appeared in /dev
        BasicFileAttributes a = Files.readAttributes(devNull, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(a.isOther()).isTrue();
        assertThat(a.isRegularFile()).isFalse();
        assertThat(Files.exists(Path.of("/dev/.null.transfab"))).isFalse();
    }

    @Test
    void aFileOutputRefusesAUserFileWithoutForceAndReplacesItWithForce() throws IOException {
        // Given a CSV the user wrote
        Path mine = Files.writeString(dir.resolve("mine.csv"), "my,data\n1,2\n");
        OutputTarget target = OutputTarget.of(mine, OutputKind.SIMULATED_TABLE);

        // When it is the output without --force
        DataException e = assertThrows(DataException.class, target::check);

        // Then it is refused with one line naming the path and --force, and the file stays as it was
        assertThat(e.getMessage()).contains(mine.toString()).contains("--force").doesNotContain("\n");
        assertThat(Files.readString(mine)).isEqualTo("my,data\n1,2\n");
        assertThat(names(dir)).containsExactly("mine.csv");

        // When --force is given, it is replaced and says so
        OutputTarget forced = target.with(true, List.of()).check();
        assertThat(AtomicOutput.writeFile(forced, "a\n1\n")).isTrue();
        assertThat(Files.readString(mine)).isEqualTo("a\n1\n");
        assertThat(names(dir)).containsExactly(".mine.csv.transfab", "mine.csv");
    }

    @Test
    void aFileTransfabWroteIsReplacedWhileUnchangedButNotOnceEdited() throws IOException {
        // Given a CSV transfab wrote
        Path out = dir.resolve("p.csv");
        OutputTarget target = OutputTarget.of(out, OutputKind.PREDICTIONS);
        assertThat(AtomicOutput.writeFile(target.check(), "y_pred\n1\n")).isFalse();

        // Then the CSV holds exactly the content (no comment line for Excel or pandas to trip on), and the hidden
        // marker beside it names the kind and the content's hash
        assertThat(Files.readString(out)).isEqualTo("y_pred\n1\n");
        assertThat(Files.readString(dir.resolve(".p.csv.transfab"))).isEqualTo("transfab-output: predictions\n"
                + "sha256: " + Hashing.sha256("y_pred\n1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\n");

        // When the same kind is written again: replaced, with the message
        OutputTarget again = target.check();
        assertThat(again.replaces()).isTrue();
        assertThat(AtomicOutput.writeFile(again, "y_pred\n2\n")).isTrue();
        assertThat(again.replacedMessage()).isEqualTo("replaced the previous predictions table at " + out);

        // When another kind would be written there, it is refused
        assertThat(assertThrows(DataException.class, () -> OutputTarget.of(out, OutputKind.DESIGN_PLAN).check())
                .getMessage()).contains("--force");

        // When the user edits the file, it is theirs: refused, and the edit stays
        Files.writeString(out, "y_pred\n2\n# checked by hand\n");
        assertThat(assertThrows(DataException.class, target::check).getMessage()).contains(out.toString())
                .contains("changed since").contains("--force");
        assertThat(Files.readString(out)).endsWith("# checked by hand\n");
    }

    @Test
    void aStaleMarkerDoesNotMakeAUsersNewFileReplaceable() throws IOException {
        // Given a file transfab wrote, deleted by the user, who then saved their own file under that name
        Path out = dir.resolve("plan.csv");
        AtomicOutput.writeFile(OutputTarget.of(out, OutputKind.DESIGN_PLAN).check(), "run,x\n1,0.5\n");
        Files.delete(out);
        Files.writeString(out, "run,x\n1,0.7\n");

        // When / Then writing there is refused: the marker's hash is not the file's
        assertThrows(DataException.class, () -> OutputTarget.of(out, OutputKind.DESIGN_PLAN).check());
        assertThat(Files.readString(out)).isEqualTo("run,x\n1,0.7\n");
    }

    @Test
    void whileAFileIsBeingReplacedBothTheOldAndTheNewContentAreTransfabs() throws IOException {
        // Given the marker as a write leaves it between its two steps (old and new hashes listed)
        Path out = dir.resolve("s.csv");
        byte[] old = "x\n1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] neu = "x\n2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FileMarker.write(out, OutputKind.SUGGESTIONS, List.of(Hashing.sha256(neu), Hashing.sha256(old)));

        // When a kill left the old file, or the new one, in place
        // Then either is recognised, so the next run replaces it without --force
        Files.write(out, old);
        assertThat(OutputKind.SUGGESTIONS.recognises(out)).isTrue();
        Files.write(out, neu);
        assertThat(OutputKind.SUGGESTIONS.recognises(out)).isTrue();
        Files.writeString(out, "x\n3\n");
        assertThat(OutputKind.SUGGESTIONS.recognises(out)).isFalse();
    }

    @Test
    void aFileOutputRefusesAnInputAndAFileInsideAnInputDirectoryEvenWithForce() throws IOException {
        // Given an input table and an input model directory
        Path input = Files.writeString(dir.resolve("in.csv"), "x\n1\n");
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("model.json"), "{}");

        // When / Then the input and a file of the model are refused, even with --force
        for (Path out : List.of(input, model.resolve("model.json"), dir.resolve("model").resolve("..")
                .resolve("in.csv"))) {
            OutputTarget target = OutputTarget.of(out, OutputKind.PREDICTIONS).with(true, List.of(input, model));
            assertThat(assertThrows(DataException.class, target::check).getMessage()).contains("is the input");
        }
        assertThat(Files.readString(input)).isEqualTo("x\n1\n");
        assertThat(names(model)).containsExactly("model.json");
    }

    @Test
    void aFailureBetweenTheTwoMovesLeavesTheOldOutputRestorable() throws IOException {
        // Given an earlier output, and renames that fail after the first (moving the old one aside)
        Path out = dir.resolve("out");
        OutputTarget target = OutputTarget.of(out, OutputKind.EXPLANATION);
        AtomicOutput.writeDirectory(target, tmp -> writeExplanation(tmp, "old"));
        AtomicInteger moves = new AtomicInteger();
        AtomicOutput.Mover failing = (from, to) -> {
            if (moves.incrementAndGet() > 1) {
                throw new IOException("disk gone");
            }
            Files.move(from, to);
        };

        // When the new one is written
        IOException e = assertThrows(IOException.class,
                () -> AtomicOutput.writeDirectory(target, tmp -> writeExplanation(tmp, "new"), failing));

        // Then the error names where the old one is, and it is there, complete
        List<String> left = names(dir);
        assertThat(left).hasSize(1);
        Path old = dir.resolve(left.get(0));
        assertThat(left.get(0)).startsWith(".out.old-" + ProcessHandle.current().pid() + "-");
        assertThat(e.getMessage()).contains(old.toString()).contains(out.toString());
        assertThat(Files.readString(old.resolve("explain.json"))).isEqualTo("old");
    }

    @Test
    void aFailedSecondMoveIsUndoneWhenTheOldOutputCanBeMovedBack() throws IOException {
        // Given an earlier output, and a rename that fails once: the one moving the new output in
        Path out = dir.resolve("out");
        OutputTarget target = OutputTarget.of(out, OutputKind.EXPLANATION);
        AtomicOutput.writeDirectory(target, tmp -> writeExplanation(tmp, "old"));
        AtomicInteger moves = new AtomicInteger();
        AtomicOutput.Mover failingOnce = (from, to) -> {
            if (moves.incrementAndGet() == 2) {
                throw new IOException("disk busy");
            }
            Files.move(from, to);
        };

        // When the new one is written
        IOException e = assertThrows(IOException.class,
                () -> AtomicOutput.writeDirectory(target, tmp -> writeExplanation(tmp, "new"), failingOnce));

        // Then the old output is back in place and nothing else is left
        assertThat(e.getMessage()).contains("unchanged");
        assertThat(Files.readString(out.resolve("explain.json"))).isEqualTo("old");
        assertThat(names(dir)).containsExactly("out");
    }

    @Test
    void cleansSiblingsOfDeadProcessesOnTheNextWrite() throws IOException, InterruptedException {
        // Given the siblings a killed writer left (its pid no longer runs) and one of this live process
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        Path out = dir.resolve("out");
        Path staleOld = Files.createDirectories(dir.resolve(".out.old-" + dead + "-1a2b"));
        writeExplanation(staleOld, "before the kill");
        Files.writeString(staleOld.resolve(OutputKind.MARKER), OutputKind.EXPLANATION.id() + "\n");
        Path staleTmp = Files.createDirectories(dir.resolve(".out.tmp-" + dead + "-3c4d"));
        Files.writeString(staleTmp.resolve("half.csv"), "x\n");
        Path live = Files.createDirectories(dir.resolve(".out.tmp-" + ProcessHandle.current().pid() + "-5e6f"));

        // When the target is cleaned (as every write does first)
        AtomicOutput.cleanStale(out);

        // Then the lone .old is restored as the target, the dead .tmp is gone, the live one stays
        assertThat(Files.readString(out.resolve("explain.json"))).isEqualTo("before the kill");
        assertThat(names(dir)).containsExactly(live.getFileName().toString(), "out");

        // When a stale .old is found while the target exists, it is removed
        Path staleOld2 = Files.createDirectories(dir.resolve(".out.old-" + dead + "-7a8b"));
        Files.writeString(staleOld2.resolve("explain.json"), "older");
        AtomicOutput.writeDirectory(OutputTarget.of(out, OutputKind.EXPLANATION),
                tmp -> writeExplanation(tmp, "newest"));
        assertThat(Files.exists(staleOld2)).isFalse();
        assertThat(Files.readString(out.resolve("explain.json"))).isEqualTo("newest");
    }

    @Test
    void theCheckBeforeTheWorkSeesAnOutputRestoredFromADeadWriter() throws IOException, InterruptedException {
        // Given a writer killed between its two renames: only its .old is left, the target is missing
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path out = dir.resolve("out");
        Path staleOld = Files.createDirectories(dir.resolve(".out.old-" + p.pid() + "-9abc"));
        writeExplanation(staleOld, "before the kill");
        Files.writeString(staleOld.resolve(OutputKind.MARKER), OutputKind.EXPLANATION.id() + "\n");

        // When the next command checks its --out
        OutputTarget checked = OutputTarget.of(out, OutputKind.EXPLANATION).check();

        // Then the old output is back in place and will be replaced (with the message)
        assertThat(checked.replaces()).isTrue();
        assertThat(Files.readString(out.resolve("explain.json"))).isEqualTo("before the kill");
        assertThat(names(dir)).containsExactly("out");
    }

    @Test
    void temporariesAreNamedWithPidAndRandom() throws IOException {
        // Given a write that looks at its temporary directory while it is being filled
        Path out = dir.resolve("model");
        String[] seen = new String[1];

        // When the directory is written
        AtomicOutput.writeDirectory(OutputTarget.of(out, OutputKind.MODEL),
                tmp -> seen[0] = tmp.getFileName().toString());

        // Then the temporary was a hidden sibling named .<name>.tmp-<pid>-<random>
        assertThat(seen[0]).matches("\\.model\\.tmp-" + ProcessHandle.current().pid() + "-[0-9a-f]+");
        assertThat(names(dir)).containsExactly("model");
    }

    @Test
    void cleaningADirectoryRemovesOnlyTheTemporariesOfDeadProcesses() throws IOException, InterruptedException {
        // Given temporaries of a dead and of a live writer beside two targets of one directory
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path dead = Files.writeString(dir.resolve(".results.csv.tmp-" + p.pid() + "-1a"), "half");
        Path deadDir = Files.createDirectories(dir.resolve(".v2.tmp-" + p.pid() + "-2b"));
        Path live = Files.writeString(dir.resolve(".results.csv.tmp-" + ProcessHandle.current().pid() + "-3c"), "x");

        // When the directory is cleaned
        AtomicOutput.cleanStaleIn(dir);

        // Then the dead writer's are gone and the live one's stays
        assertThat(dead).doesNotExist();
        assertThat(deadDir).doesNotExist();
        assertThat(live).hasContent("x");
    }
}
