package io.transfab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Runs independent pieces of work at the same time: the first on the calling thread, each other on
 * a thread of its own. The callers keep the number of pieces a constant of the product (never the
 * core count), and each piece computes what it computes alone, so the results do not depend on the
 * machine.
 */
public final class SideBySide {
    private SideBySide() {
    }

    /** The pieces' results in order; when pieces fail, the first failure (in order) is rethrown after all ended. */
    public static <T> List<T> run(List<Supplier<T>> pieces) {
        if (pieces.size() == 1) {
            return List.of(pieces.get(0).get());
        }
        List<CompletableFuture<T>> others = new ArrayList<>();
        for (int i = 1; i < pieces.size(); i++) {
            CompletableFuture<T> f = new CompletableFuture<>();
            Supplier<T> piece = pieces.get(i);
            Thread t = new Thread(() -> {
                try {
                    f.complete(piece.get());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            }, "transfab-side-by-side-" + i);
            t.setDaemon(true);
            t.start();
            others.add(f);
        }
        List<T> out = new ArrayList<>();
        RuntimeException first = null;
        try {
            out.add(pieces.get(0).get());
        } catch (RuntimeException e) {
            first = e;
        }
        for (CompletableFuture<T> f : others) {
            try {
                out.add(f.join());
            } catch (CompletionException e) {
                if (first == null) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    first = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }
}
