package io.transfab.cli;

import io.transfab.data.DataException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code transfab} command. */
@Command(name = "transfab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Transfer learning for small manufacturing datasets: pre-train on a large source table, "
                + "fine-tune on a few target experiments, compare honestly against training from scratch.",
        subcommands = {SimulateCommand.class, PretrainCommand.class, FinetuneCommand.class, TrainCommand.class,
            PredictCommand.class, AssessCommand.class, ExplainCommand.class, DesignCommand.class, SuggestCommand.class,
            SelectSourceCommand.class, OptimizeCommand.class, CampaignCommand.class, StudyCommand.class,
            DemoCommand.class, ServeCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status for bad input or bad options. */
    static final int EXIT_BAD_INPUT = 2;
    /** Exit status for internal failures. */
    static final int EXIT_INTERNAL = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static {
        // DJL must never try the network; plots must work without a display.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // DJL probes for CUDA on every start and warns when there is none; CPU is the normal case here.
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit status (used by tests, which must not exit the JVM). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, new CommandLine.RunLast());
    }

    /**
     * {@link #run(String[], PrintWriter, PrintWriter)} with another execution strategy; package-private so
     * that tests can make a parsed command fail as an internal error would and check what the user sees.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, CommandLine.IExecutionStrategy strategy) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(strategy);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(parameterErrorLine(ex));
            err.flush();
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, err, verbose(parseResult)));
        return cl.execute(args);
    }

    /** Whether {@code --verbose} was given to any command of the chain (e.g. {@code campaign record --verbose}). */
    static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line for a bad command line: picocli's message, its suggestions for a mistyped option, and where
     * the usage is (the full usage would bury the message).
     */
    static String parameterErrorLine(CommandLine.ParameterException ex) {
        StringBuilder line = new StringBuilder("transfab: ").append(oneLine(ex.getMessage()));
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", u.getSuggestions())).append('?');
        }
        String command = ex.getCommandLine() == null ? "transfab"
                : ex.getCommandLine().getCommandSpec().qualifiedName();
        return line.append(" (see '").append(command).append(" --help')").toString();
    }

    /**
     * Prints one line for {@code ex} and returns the exit status: {@link #EXIT_BAD_INPUT} when a
     * {@link DataException} or an unusable user path ({@link UserPathError}) is anywhere in the cause
     * chain, {@link #EXIT_INTERNAL} for everything else; {@code verbose} adds the stack trace.
     */
    static int handle(Throwable ex, PrintWriter err, boolean verbose) {
        int status;
        DataException data = find(ex, DataException.class);
        String pathProblem = data == null ? UserPathError.describe(ex) : null;
        if (data != null) {
            err.println("transfab: error: " + oneLine(data.getMessage()));
            status = EXIT_BAD_INPUT;
        } else if (pathProblem != null) {
            err.println("transfab: error: " + oneLine(pathProblem));
            status = EXIT_BAD_INPUT;
        } else {
            Throwable root = rootCause(ex);
            String message = root.getMessage() == null ? "" : ": " + oneLine(root.getMessage());
            err.println("transfab: internal error: " + root.getClass().getSimpleName() + message
                    + "; run again with --verbose for details");
            status = EXIT_INTERNAL;
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    /** The first throwable of {@code type} in the cause chain of {@code ex}, or null. */
    static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        for (Throwable t : causeChain(ex)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** {@code ex} and its causes, outermost first (a cycle ends the chain). */
    static List<Throwable> causeChain(Throwable ex) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = ex; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static Throwable rootCause(Throwable ex) {
        List<Throwable> chain = causeChain(ex);
        return chain.get(chain.size() - 1);
    }

    /** {@code text} with line breaks and runs of blanks folded into single spaces. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"transfab " + (v == null ? "dev" : v)};
        }
    }
}
