package io.transfab.cli;

import io.transfab.data.DataException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code transfab} command. */
@Command(name = "transfab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Transfer learning for small manufacturing datasets: pre-train on a large source table, "
                + "fine-tune on a few target experiments, compare honestly against training from scratch.",
        subcommands = {SimulateCommand.class, PretrainCommand.class, FinetuneCommand.class, TrainCommand.class,
            PredictCommand.class, AssessCommand.class, ExplainCommand.class, DesignCommand.class, SuggestCommand.class,
            SelectSourceCommand.class, OptimizeCommand.class, CampaignCommand.class, StudyCommand.class,
            DemoCommand.class,
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
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("transfab: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                ex.getCommandLine().usage(err);
            }
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            return handle(ex, err, verbose);
        });
        return cl.execute(args);
    }

    static int handle(Throwable ex, PrintWriter err, boolean verbose) {
        Throwable cause = ex;
        while (cause.getCause() != null && !(cause instanceof DataException)
                && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        int status;
        if (cause instanceof DataException) {
            err.println("transfab: error: " + cause.getMessage());
            status = EXIT_BAD_INPUT;
        } else if (cause instanceof IllegalArgumentException) {
            err.println("transfab: error: " + cause.getMessage());
            status = EXIT_BAD_INPUT;
        } else {
            err.println("transfab: internal error: " + cause + " (run with --verbose for the stack trace)");
            status = EXIT_INTERNAL;
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return status;
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
