package io.transfab.spark;

import io.transfab.sweep.ExecutorKind;
import io.transfab.sweep.SweepExecutor;
import io.transfab.sweep.SweepExecutorProvider;

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
}
