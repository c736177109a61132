package io.transfab.workflow;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Text that domain code prints on a PrintStream, sent line by line to a listener's {@link JobListener#info}. */
final class Printed {
    private Printed() {
    }

    static void info(Consumer<PrintStream> printer, JobListener listener) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            printer.accept(ps);
        }
        bytes.toString(StandardCharsets.UTF_8).lines().forEach(listener::info);
    }
}
