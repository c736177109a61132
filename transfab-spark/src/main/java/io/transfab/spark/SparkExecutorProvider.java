package io.transfab.spark;

import io.transfab.sweep.ExecutorKind;
import io.transfab.sweep.SweepExecutor;
import io.transfab.sweep.SweepExecutorProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Registers the Spark executor with the core ({@code --executor spark}). */
public final class SparkExecutorProvider implements SweepExecutorProvider {
    @Override
    public ExecutorKind kind() {
        return ExecutorKind.SPARK;
    }

    @Override
    public SweepExecutor create(String master, int threads) {
        return SparkSweepExecutor.of(master);
    }

    @Override
    public SweepExecutor create(String master, int threads, Map<String, String> settings) {
        return SparkSweepExecutor.of(master, settings);
    }

    @Override
    public LoopbackCluster startLoopbackCluster(Path home, int cores) throws IOException {
        return LoopbackCluster.start(home, cores);
    }
}
