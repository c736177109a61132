package io.transfab.cli;

import io.transfab.sweep.ExecutorKind;
import io.transfab.workflow.Study;
import picocli.CommandLine.Option;

/** Where a sweep's tasks run: local threads or Apache Spark (docs/scale-out.md). */
final class ExecutorOptions {
    @Option(names = "--executor", defaultValue = "local", paramLabel = "local|spark", description = "Where the "
            + "units of work run (assess: the splits; select-source: the candidates; study active-learning: seeds x "
            + "methods; study inverse-design: seeds x requested values): local threads or Apache Spark (needs the transfab-spark module; same results, "
            + "see docs/scale-out.md) (default: ${DEFAULT-VALUE}).")
    String executor;

    @Option(names = "--spark-master", paramLabel = "URL", description = "Spark master with --executor spark, e.g. "
            + "local[2] or spark://host:7077 (default: local[*], or the master spark-submit set).")
    String master;

    /** The executor kind named by --executor. */
    ExecutorKind kind() {
        return ExecutorKind.fromCliName(executor);
    }

    /** Where a design study's units run. */
    Study.Executor study() {
        return new Study.Executor(kind(), master);
    }
}
