package io.transfab.sweep;

import io.transfab.data.DataException;
import java.util.ServiceLoader;

/** The executor a command's {@code --executor} and {@code --spark-master} name. */
public final class SweepExecutors {
    /** How to build the Spark module (the one line of the error when it is missing). */
    public static final String BUILD_SPARK = "mvn -B -f transfab-spark/reactor.xml package -DskipTests";

    private SweepExecutors() {
    }

    /**
     * @param master  the Spark master URL, or null for the default; only {@code spark} takes one
     * @param threads the local executor's threads (also the Spark default {@code local[N]} when no master is given)
     * @throws DataException when the kind's module is not on the class path, or a master is given for local
     */
    public static SweepExecutor of(ExecutorKind kind, String master, int threads) {
        if (kind == ExecutorKind.LOCAL) {
            if (master != null) {
                throw DataException.option("--spark-master needs --executor spark");
            }
            return LocalSweepExecutor.of(threads);
        }
        return provider(kind).create(master, threads);
    }

    /**
     * The provider of a distributed executor kind (e.g. to start a loopback cluster or pass engine settings).
     *
     * @throws DataException when the kind's module is not on the class path
     */
    public static SweepExecutorProvider provider(ExecutorKind kind) {
        for (SweepExecutorProvider p : ServiceLoader.load(SweepExecutorProvider.class)) {
            if (p.kind() == kind) {
                return p;
            }
        }
        throw DataException.option("--executor " + kind.cliName() + " needs the transfab-spark module, which is "
                + "not built; build it with '" + BUILD_SPARK + "' (docs/scale-out.md)");
    }
}
