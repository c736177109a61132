package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.DataException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Exit status 2 for the user's input and environment (bad values, bad tables, unusable paths), 1 for
 * internal errors; one line on stderr either way, the stack trace only with --verbose.
 */
class ExitCodeTest {
    private static final String INTERNAL_HINT = "run again with --verbose for details";

    @TempDir
    static Path dir;
    static Path model;
    static Path rows;
    static Path aFile;

    @BeforeAll
    static void trainSmallModel() throws IOException {
        StringBuilder sb = new StringBuilder("gap,load,density\n");
        for (int i = 0; i < 12; i++) {
            sb.append(100 + 10 * i).append(',').append(i % 4).append(',').append(2 + 0.01 * ((i * 5) % 12)).append('\n');
        }
        rows = Files.writeString(dir.resolve("rows.csv"), sb.toString());
        model = dir.resolve("ridge-model");
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", rows.toString(), "--features", "gap,load", "--targets", "density",
                "--model", "ridge", "--out", model.toString(), "--quiet");
        assertThat(r.status()).as(r.err()).isZero();
        aFile = Files.writeString(dir.resolve("a-regular-file.txt"), "not a directory\n");
    }

    private record Handled(int status, String err) {
    }

    private static Handled handle(Throwable ex, boolean verbose) {
        StringWriter err = new StringWriter();
        int status = Main.handle(ex, new PrintWriter(err, true), verbose);
        return new Handled(status, err.toString());
    }

    /** Runs the real command line, but the chosen command fails as an internal error would. */
    private static CliTestSupport.Run runFailingInternally(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.IExecutionStrategy failing = parseResult -> {
            CommandLine.ParseResult last = parseResult;
            while (last.subcommand() != null) {
                last = last.subcommand();
            }
            throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), "provoked",
                    new IllegalStateException("provoked internal failure"));
        };
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), failing);
        return new CliTestSupport.Run(status, out.toString(), err.toString());
    }

    private static void assertOneLine(String err) {
        String e = err.strip();
        assertThat(e.lines().count()).as(e).isEqualTo(1);
        assertThat(e).doesNotContain("\tat ");
    }

    private static void assertBadInput(CliTestSupport.Run r, String... fragments) {
        assertThat(r.status()).as(r.err()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertOneLine(r.err());
        assertThat(r.err()).doesNotContain("Exception").contains(fragments);
    }

    @Test
    void dataExceptionIsBadInputOnOneLine() {
        // Given a DataException wrapped by a command, When handled without --verbose
        Handled h = handle(new RuntimeException("wrapper", DataException.at("t.csv", 3, "x", "not a number")), false);
        // Then exit 2 and its message alone
        assertThat(h.status()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertOneLine(h.err());
        assertThat(h.err().strip()).isEqualTo("transfab: error: t.csv, row 3, column 'x': not a number");
    }

    @Test
    void internalIllegalArgumentIsAnInternalError() {
        // Given an IllegalArgumentException from an internal precondition
        Handled h = handle(new IllegalArgumentException("x has 3 rows, y has 2"), false);
        // Then it is exit 1, one line that names the failure and how to get details
        assertThat(h.status()).isEqualTo(Main.EXIT_INTERNAL);
        assertOneLine(h.err());
        assertThat(h.err().strip()).isEqualTo(
                "transfab: internal error: IllegalArgumentException: x has 3 rows, y has 2; " + INTERNAL_HINT);
    }

    @Test
    void internalErrorNamesTheRootCauseOnOneLineEvenForMultiLineMessages() {
        // Given a wrapped internal failure whose message spans lines
        Handled h = handle(new RuntimeException("outer", new IllegalStateException("first\nsecond")), false);
        // Then one line with the root cause, lines folded
        assertThat(h.status()).isEqualTo(Main.EXIT_INTERNAL);
        assertOneLine(h.err());
        assertThat(h.err()).contains("IllegalStateException: first second").endsWith(INTERNAL_HINT + "\n");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        // Given an internal error, When handled with --verbose
        Handled h = handle(new IllegalStateException("boom"), true);
        // Then the one line comes first and the trace follows
        assertThat(h.status()).isEqualTo(Main.EXIT_INTERNAL);
        assertThat(h.err().lines().findFirst().orElseThrow()).endsWith(INTERNAL_HINT);
        assertThat(h.err()).contains("java.lang.IllegalStateException: boom").contains("\tat ");
    }

    static Stream<Arguments> pathErrors() {
        String p = "/data/out/result.csv";
        return Stream.of(
                Arguments.of(new UncheckedIOException(new AccessDeniedException(p)), p + ": permission denied"),
                Arguments.of(new UncheckedIOException(new NoSuchFileException(p)), p + ": no such file or directory"),
                Arguments.of(new RuntimeException(new NotDirectoryException(p)), p + ": not a directory"),
                Arguments.of(new UncheckedIOException(new FileSystemException(p, null, "No space left on device")),
                        p + ": no space left on device"),
                Arguments.of(new UncheckedIOException(new FileSystemException(p, null, "Not a directory")),
                        p + ": not a directory"),
                Arguments.of(new RuntimeException("write failed", new IOException("No space left on device")),
                        "No space left on device"),
                Arguments.of(new UncheckedIOException(new FileNotFoundException(p + " (Is a directory)")),
                        p + " (Is a directory)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("pathErrors")
    void unusablePathsAnywhereInTheChainAreBadInputNamingThePath(Throwable ex, String line) {
        // Given an I/O failure on a user path, wrapped as commands wrap it
        Handled h = handle(ex, false);
        // Then exit 2 with one line naming the path and the reason
        assertThat(h.status()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertOneLine(h.err());
        assertThat(h.err().strip()).isEqualTo("transfab: error: " + line);
    }

    @Test
    void otherIoFailuresAreInternal() {
        // Given an IOException that is not about a path or the disk (a corrupt stream, say)
        Handled h = handle(new UncheckedIOException(new IOException("stream header mismatch")), false);
        // Then it is an internal error
        assertThat(h.status()).isEqualTo(Main.EXIT_INTERNAL);
        assertOneLine(h.err());
    }

    @Test
    void outputUnderARegularFileIsBadInputNamingThePath() {
        // Given an output path whose parent is a regular file (root ignores permission bits, not file types)
        Path out = aFile.resolve("sub").resolve("sim.csv");
        // When simulating into it
        CliTestSupport.Run r = CliTestSupport.run("simulate", "electrode", "--rows", "3", "--out", out.toString(),
                "--quiet");
        // Then exit 2, one line naming the path
        assertBadInput(r, aFile.toString());
    }

    @Test
    void outputDirectoryUnderARegularFileIsBadInput() {
        // Given a --out directory under a regular file, When a study writes there
        Path out = aFile.resolve("study");
        CliTestSupport.Run r = CliTestSupport.run("study", "active-learning", "--seeds", "1", "--rounds", "1",
                "--out", out.toString(), "--quiet");
        // Then exit 2 naming the path
        assertBadInput(r, aFile.toString());
    }

    @Test
    void unknownOptionIsOneLineWithAPointerToHelp() {
        CliTestSupport.Run r = CliTestSupport.run("train", "--data", "x.csv", "--out", "o", "--bogus-flag");
        assertBadInput(r, "Unknown option: '--bogus-flag'", "'transfab train --help'");
    }

    @Test
    void unparsableValueIsOneLineNamingTheOption() {
        CliTestSupport.Run r = CliTestSupport.run("simulate", "electrode", "--rows", "many", "--out", "x.csv");
        assertBadInput(r, "--rows", "many", "'transfab simulate electrode --help'");
    }

    @Test
    void missingRequiredOptionIsOneLine() {
        assertBadInput(CliTestSupport.run("campaign", "record", "--dir", "c"), "--data");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simulate electrode --rows 3 --out x.csv", "campaign record --dir c --data r.csv",
        "study active-learning --seeds 1", "train --data r.csv --targets y --out m"})
    void verboseOnAnyCommandOfTheChainPrintsTheTrace(String command) {
        // Given a command that fails internally
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        // When run without --verbose, Then exit 1 and one line
        CliTestSupport.Run quiet = runFailingInternally(args.toArray(String[]::new));
        assertThat(quiet.status()).isEqualTo(Main.EXIT_INTERNAL);
        assertOneLine(quiet.err());
        assertThat(quiet.err().strip()).isEqualTo(
                "transfab: internal error: IllegalStateException: provoked internal failure; " + INTERNAL_HINT);
        // When run with --verbose on the (nested) command, Then the stack trace follows the line
        args.add("--verbose");
        CliTestSupport.Run verbose = runFailingInternally(args.toArray(String[]::new));
        assertThat(verbose.status()).isEqualTo(Main.EXIT_INTERNAL);
        assertThat(verbose.err()).contains("provoked internal failure").contains("\tat ");
    }

    static Stream<Arguments> invalidOptionValues() {
        String m = model.toString();
        String r = rows.toString();
        String o = dir.resolve("never-written").toString();
        return Stream.of(
                // NetworkOptions -> TrainingOptions, MlpOptions
                Arguments.of(List.of("train", "--model", "mlp", "--data", r, "--features", "gap,load", "--targets", "density", "--out", o,
                        "--epochs", "0"), "--epochs must be at least 1, got 0"),
                Arguments.of(List.of("pretrain", "--data", r, "--features", "gap,load", "--targets", "density", "--out", o, "--dropout", "1.5"),
                        "--dropout must be in [0, 1), got 1.5"),
                Arguments.of(List.of("pretrain", "--data", r, "--features", "gap,load", "--targets", "density", "--out", o, "--lr", "-1"),
                        "--lr must be a finite number > 0, got -1.0"),
                Arguments.of(List.of("pretrain", "--data", r, "--features", "gap,load", "--targets", "density", "--out", o, "--hidden", "8,0"),
                        "--hidden sizes must each be at least 1, got [8, 0]"),
                Arguments.of(List.of("train", "--model", "mlp", "--data", r, "--features", "gap,load", "--targets", "density", "--out", o,
                        "--activation", "sigmoid"), "unknown --activation 'sigmoid'"),
                // CliNamed lookups
                Arguments.of(List.of("train", "--model", "forest", "--data", r, "--features", "gap,load", "--targets", "density", "--out", o),
                        "unknown --model 'forest'; choose one of mlp, ridge, gp, xgboost"),
                Arguments.of(List.of("simulate", "electrode", "--chemistry", "nca", "--out", o), "unknown chemistry 'nca'"),
                Arguments.of(List.of("simulate", "electrode", "--rows", "0", "--out", o), "--rows must be >= 1; got 0"),
                // FineTuneOptions
                Arguments.of(List.of("finetune", "--base", m, "--data", r, "--out", o, "--l2sp-alpha", "-1"),
                        "--l2sp-alpha must be a finite number >= 0; got -1.0"),
                // GdlOptions
                Arguments.of(List.of("simulate", "gdl", "--rows", "2", "--image-size", "8", "--out", o),
                        "--image-size must be in [16, 512] pixels, got 8"),
                Arguments.of(List.of("simulate", "gdl", "--rows", "2", "--noise", "3", "--out", o), "--noise must be in [0, 2], got 3.0"),
                // ShapOptions, ExplainOptions
                Arguments.of(List.of("explain", "--model", m, "--data", r, "--out", o, "--kernel-coalitions", "3"),
                        "--kernel-coalitions must be even and >= 4, got 3"),
                Arguments.of(List.of("explain", "--model", m, "--data", r, "--out", o, "--threads", "0"),
                        "--threads must be at least 1, got 0"),
                Arguments.of(List.of("explain", "--model", m, "--data", r, "--out", o, "--background-size", "-1"),
                        "--background-size must be >= 0 (0 = automatic), got -1"),
                // ActiveLearningOptions, InverseDesignOptions, SimulatorOptions
                Arguments.of(List.of("study", "active-learning", "--initial", "1", "--out", o), "--initial must be >= 3; got 1"),
                Arguments.of(List.of("study", "active-learning", "--noise", "5", "--out", o), "--noise must be in [0, 2.0]"),
                Arguments.of(List.of("study", "inverse-design", "--train-runs", "1", "--out", o),
                        "--train-runs must be >= 3; got 1"),
                // DesignOptions, SuggestRequest
                Arguments.of(List.of("design", "--space", r, "--n", "0", "--out", o), "--n must be >= 1; got 0"),
                Arguments.of(List.of("campaign", "suggest", "--dir", o, "--n", "0"), "--n must be >= 1; got 0"),
                // AssessCommand's own checks
                Arguments.of(List.of("assess", "--source", r, "--target", r, "--features", "gap,load", "--targets", "density", "--sizes",
                        "five", "--out", o), "--sizes takes numbers and 'all'; got 'five'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidOptionValues")
    void invalidOptionValuesAreBadInputNamingTheOption(List<String> args, String fragment) {
        // When a command gets a value its options record rejects
        CliTestSupport.Run r = CliTestSupport.run(args.toArray(String[]::new));
        // Then exit 2, one line naming the option, nothing written
        assertBadInput(r, fragment);
        assertThat(dir.resolve("never-written")).doesNotExist();
    }
}
