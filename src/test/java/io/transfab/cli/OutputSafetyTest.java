package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What --out may replace, --force, --out -, links and devices, and the permissions outputs get. */
class OutputSafetyTest {
    @TempDir
    Path dir;
    Path data;
    Path table;

    @BeforeEach
    void writeTable() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 12; i++) {
            sb.append(i).append(',').append(i % 3).append(',').append(1 + 0.5 * i - 0.2 * (i % 3)).append('\n');
        }
        data = Files.createDirectories(dir.resolve("D"));
        table = Files.writeString(data.resolve("t.csv"), sb.toString());
        Files.writeString(data.resolve("notes.txt"), "my notes");
    }

    private CliTestSupport.Run train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", table.toString(), "--features", "a,b",
                "--targets", "y", "--model", "ridge", "--out", out.toString(), "--quiet"));
        args.addAll(List.of(extra));
        return CliTestSupport.run(args.toArray(String[]::new));
    }

    private static void assertRefused(CliTestSupport.Run r, String... fragments) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        String err = r.err().strip();
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        for (String f : fragments) {
            assertThat(err).contains(f);
        }
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void trainOntoTheFolderOfItsTableIsRefusedAndKeepsTheFiles() throws IOException {
        // When train writes its model onto the folder holding the table, with and without --force
        for (String[] extra : List.of(new String[0], new String[] {"--force"})) {
            CliTestSupport.Run r = train(data, extra);

            // Then it is refused with one line naming the folder and --force, and the files stay
            assertRefused(r, data.toString(), "--force");
            assertThat(names(data)).containsExactly("notes.txt", "t.csv");
            assertThat(Files.readString(data.resolve("notes.txt"))).isEqualTo("my notes");
        }
    }

    @Test
    void runningTwiceOntoTheSameOutReplacesTheModelAndSaysSo() {
        // Given a model trained once
        Path out = dir.resolve("model");
        CliTestSupport.Run first = train(out);
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).doesNotContain("replaced");

        // When the same command runs again
        CliTestSupport.Run second = train(out);

        // Then the earlier model is replaced and the command says so
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.out()).contains("replaced the previous model at " + out);
        assertThat(Files.exists(out.resolve("model.json"))).isTrue();
    }

    @Test
    void aUserFolderIsReplacedOnlyWithForce() throws IOException {
        // Given a user's folder that is not a transfab output
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("report.docx"), "draft");

        // When train writes onto it without --force, then with it
        CliTestSupport.Run refused = train(mine);
        assertRefused(refused, mine.toString(), "--force");
        assertThat(names(mine)).containsExactly("report.docx");
        CliTestSupport.Run forced = train(mine, "--force");

        // Then only the forced run replaces it
        assertThat(forced.status()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("replaced the previous model at " + mine);
        assertThat(Files.exists(mine.resolve("model.json"))).isTrue();
        assertThat(Files.exists(mine.resolve("report.docx"))).isFalse();
    }

    @Test
    void anOutputOfAnotherKindIsRefusedWithoutForce() {
        // Given a model directory
        Path model = dir.resolve("model");
        assertThat(train(model).status()).isZero();

        // When explain writes its output there
        CliTestSupport.Run r = CliTestSupport.run("explain", "--model", model.toString(), "--data", table.toString(),
                "--out", model.toString(), "--quiet");

        // Then it is refused, and the model is still there
        assertRefused(r, model.toString(), "--force");
        assertThat(Files.exists(model.resolve("model.json"))).isTrue();
    }

    @Test
    void finetuneOntoItsBaseModelIsRefusedEvenWithForce() {
        // Given a base model
        Path base = dir.resolve("base");
        assertThat(train(base).status()).isZero();

        // When finetune writes its model over the base, with --force
        CliTestSupport.Run r = CliTestSupport.run("finetune", "--base", base.toString(), "--data", table.toString(),
                "--targets", "y", "--out", base.toString(), "--force", "--quiet");

        // Then it is refused and the base stays
        assertRefused(r, base.toString(), "input");
        assertThat(Files.exists(base.resolve("model.json"))).isTrue();
    }

    @Test
    void simulateGdlReplacesItsOwnImagesButNotAUserFolderInTheirPlace() throws IOException {
        // Given a GDL table with images written once
        Path csv = dir.resolve("gdl.csv");
        String[] args = {"simulate", "gdl", "--rows", "2", "--image-size", "16", "--out", csv.toString(), "--quiet"};
        assertThat(CliTestSupport.run(args).status()).isZero();

        // When it is written again, the earlier images are replaced with a message
        CliTestSupport.Run again = CliTestSupport.run(args);
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("replaced the previous image set at " + dir.resolve("images").resolve("gdl"));

        // When a user's folder stands where the images go, it is refused before simulating
        Path other = dir.resolve("other.csv");
        Path mine = Files.createDirectories(dir.resolve("images").resolve("other"));
        Files.writeString(mine.resolve("photo.jpg"), "jpeg");
        CliTestSupport.Run refused = CliTestSupport.run("simulate", "gdl", "--rows", "2", "--image-size", "16",
                "--out", other.toString(), "--quiet");
        assertRefused(refused, mine.toString(), "--force");
        assertThat(names(mine)).containsExactly("photo.jpg");
        assertThat(Files.exists(other)).isFalse();
    }

    @Test
    void simulateRefusesAUsersCsvBeforeSimulatingAndReplacesItsOwn() throws IOException {
        // Given a CSV the user wrote
        Path mine = Files.writeString(dir.resolve("mine.csv"), "my,data\n1,2\n");

        // When simulate electrode writes onto it without --force
        CliTestSupport.Run refused = CliTestSupport.run("simulate", "electrode", "--rows", "3", "--out",
                mine.toString());

        // Then it exits 2 with one line naming the file and --force, and the file is untouched
        assertRefused(refused, mine.toString(), "--force");
        assertThat(refused.out()).doesNotContain("Simulated");
        assertThat(Files.readString(mine)).isEqualTo("my,data\n1,2\n");
        assertThat(names(dir)).containsExactly("D", "mine.csv");

        // When it writes a new file twice: the second run replaces its own output and says so
        Path sim = dir.resolve("sim.csv");
        String[] args = {"simulate", "electrode", "--rows", "3", "--out", sim.toString()};
        CliTestSupport.Run first = CliTestSupport.run(args);
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).doesNotContain("replaced");
        String firstCsv = Files.readString(sim);
        CliTestSupport.Run second = CliTestSupport.run(args);
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.out()).contains("replaced the previous simulated electrode table at " + sim);
        // and the CSV is plain: its first line is the header, as before markers existed
        assertThat(Files.readString(sim)).isEqualTo(firstCsv).startsWith("am_wt_pct [wt%],");

        // When the user edits the simulated file, it is theirs: refused without --force, replaced with it
        Files.writeString(sim, firstCsv + "# my note\n");
        assertRefused(CliTestSupport.run(args), sim.toString(), "--force");
        assertThat(Files.readString(sim)).endsWith("# my note\n");
        List<String> forced = new ArrayList<>(List.of(args));
        forced.add("--force");
        CliTestSupport.Run withForce = CliTestSupport.run(forced.toArray(String[]::new));
        assertThat(withForce.status()).as(withForce.err()).isZero();
        assertThat(Files.readString(sim)).isEqualTo(firstCsv);
    }

    @Test
    void everySingleFileCommandRefusesAUsersFile() throws IOException {
        // Given a model, a parameter space, and the user's own CSV
        Path model = dir.resolve("model");
        assertThat(train(model).status()).isZero();
        Path space = Files.writeString(dir.resolve("space.yaml"), """
                parameters:
                  - {name: a, type: continuous, min: 0, max: 11}
                  - {name: b, type: continuous, min: 0, max: 2}
                """);
        Path mine = Files.writeString(dir.resolve("mine.csv"), "keep,me\n1,2\n");
        Path heterogeneous = Files.writeString(dir.resolve("lab.labs.json"), "{\"mine\": true}\n");
        List<List<String>> commands = List.of(
                List.of("predict", "--model", model.toString(), "--data", table.toString()),
                List.of("suggest", "--model", model.toString(), "--space", space.toString(), "--n", "2", "--goal",
                        "explore"),
                List.of("optimize", "--model", model.toString(), "--space", space.toString(), "--n", "2", "--goal",
                        "max:y"),
                List.of("design", "--space", space.toString(), "--n", "3"),
                List.of("simulate", "gdl", "--rows", "2", "--no-images"));
        for (List<String> command : commands) {
            // When the command writes onto the user's CSV
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--out", mine.toString()));
            CliTestSupport.Run r = CliTestSupport.run(args.toArray(String[]::new));

            // Then it is refused with one line, the file unchanged
            assertRefused(r, mine.toString(), "--force");
            assertThat(Files.readString(mine)).as(command.get(0)).isEqualTo("keep,me\n1,2\n");

            // When it writes a file of its own twice, the second run replaces it
            Path own = dir.resolve(command.get(0) + ".csv");
            args.set(args.size() - 1, own.toString());
            CliTestSupport.Run first = CliTestSupport.run(args.toArray(String[]::new));
            CliTestSupport.Run second = CliTestSupport.run(args.toArray(String[]::new));
            assertThat(first.status()).as(first.err()).isZero();
            assertThat(second.status()).as(second.err()).isZero();
            assertThat(second.out()).contains("replaced the previous").contains(own.toString());
        }

        // When simulate electrode with labs would write its record over the user's NAME.labs.json
        CliTestSupport.Run labs = CliTestSupport.run("simulate", "electrode", "--rows", "4", "--labs", "2",
                "--calibration", "porosity:0.01:0.01", "--out", dir.resolve("lab.csv").toString());

        // Then it is refused before anything is written, the CSV included
        assertRefused(labs, heterogeneous.toString(), "--force");
        assertThat(Files.readString(heterogeneous)).isEqualTo("{\"mine\": true}\n");
        assertThat(Files.exists(dir.resolve("lab.csv"))).isFalse();
    }

    @Test
    void predictToStandardOutputPutsTheSummaryOnStandardError() {
        // Given a model
        Path model = dir.resolve("model");
        assertThat(train(model).status()).isZero();

        // When predict writes to -
        CliTestSupport.Run r = CliTestSupport.run("predict", "--model", model.toString(), "--data", table.toString(),
                "--out", "-");

        // Then standard output is the CSV alone, the summary is on standard error, and no file "-" appears
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("a,b,y,outside_training_range,max_range_excess_sd,y_pred,y_std,y_lower,y_upper\n");
        assertThat(r.out().strip().lines().count()).isEqualTo(13);
        assertThat(r.err()).contains("Predicted 12 rows").contains("standard output");
        assertThat(Files.exists(Path.of("-"))).isFalse();
    }

    @Test
    void simulateToStandardOutputWritesTheCsv() {
        // When simulate electrode writes to -
        CliTestSupport.Run r = CliTestSupport.run("simulate", "electrode", "--rows", "3", "--out", "-");

        // Then the CSV is on standard output and the summary on standard error
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().strip().lines().count()).isEqualTo(4);
        assertThat(r.err()).contains("Simulated 3");
    }

    @Test
    void predictRefusesALinkAndItsInputButWritesThroughADevice() throws IOException {
        // Given a model, a link to a user's file
        Path model = dir.resolve("model");
        assertThat(train(model).status()).isZero();
        Path precious = Files.writeString(dir.resolve("precious.csv"), "keep\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), precious);

        // When predict writes to the link, over its own input table, or over a file of its model
        CliTestSupport.Run toLink = CliTestSupport.run("predict", "--model", model.toString(), "--data",
                table.toString(), "--out", link.toString());
        CliTestSupport.Run toInput = CliTestSupport.run("predict", "--model", model.toString(), "--data",
                table.toString(), "--out", table.toString());

        CliTestSupport.Run intoModel = CliTestSupport.run("predict", "--model", model.toString(), "--data",
                table.toString(), "--out", model.resolve("model.json").toString());

        // Then all are refused and nothing changes
        assertRefused(intoModel, "model.json", "input");
        assertThat(Files.readString(model.resolve("model.json"))).contains("transfab-model");
        assertRefused(toLink, link.toString(), "symbolic link");
        assertRefused(toInput, table.toString(), "input");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(precious)).isEqualTo("keep\n");
        assertThat(Files.readString(table)).startsWith("a,b,y\n0,0,");

        // When it writes to a device, the device stays a device
        CliTestSupport.Run toDevice = CliTestSupport.run("predict", "--model", model.toString(), "--data",
                table.toString(), "--out", "/dev/null");
        assertThat(toDevice.status()).as(toDevice.err()).isZero();
        assertThat(Files.isRegularFile(Path.of("/dev/null"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    /** A child JVM under the given umask trains and predicts; outputs must carry that umask, like any file. */
    @ParameterizedTest(name = "umask {0}")
    @ValueSource(strings = {"022", "002"})
    void outputsGetTheUsersUmask(String umask) throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")));
        // Given a shell with that umask running the CLI in a fresh JVM
        Path model = dir.resolve("model");
        Path predictions = dir.resolve("predictions.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cli = "'" + java + "' -Xmx256m -cp \"$CP\" io.transfab.cli.Main ";
        String script = "umask " + umask + " && " + cli + "train --data '" + table + "' --features a,b --targets y "
                + "--model ridge --quiet --out '" + model + "' && exec " + cli + "predict --model '" + model
                + "' --data '" + table + "' --out '" + predictions + "'";
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", script).redirectErrorStream(true);
        pb.environment().put("CP", System.getProperty("java.class.path"));

        // When it runs
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();

        // Then the directory, the files in it and the predictions have the permissions that umask gives
        String dirPerms = umask.equals("022") ? "rwxr-xr-x" : "rwxrwxr-x";
        String filePerms = umask.equals("022") ? "rw-r--r--" : "rw-rw-r--";
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(model))).isEqualTo(dirPerms);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(model.resolve("model.json"))))
                .isEqualTo(filePerms);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(predictions))).isEqualTo(filePerms);
    }
}
