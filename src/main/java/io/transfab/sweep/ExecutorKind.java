package io.transfab.sweep;

import io.transfab.data.CliNamed;

/** Where a sweep's tasks run ({@code --executor}). */
public enum ExecutorKind implements CliNamed {
    /** A thread pool in this JVM (the default). */
    LOCAL("local"),
    /** Apache Spark: {@code local[N]} in this JVM or a cluster (the transfab-spark module). */
    SPARK("spark");

    private final String cliName;

    ExecutorKind(String cliName) {
        this.cliName = cliName;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    public static ExecutorKind fromCliName(String name) {
        return CliNamed.parse(ExecutorKind.class, name, "--executor");
    }
}
