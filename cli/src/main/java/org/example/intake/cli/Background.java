package org.example.intake.cli;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A value made on a daemon thread of its own, started at once, and waited for by whoever needs it
 * first. Making it throws on every {@link #get()} what making it threw (a RuntimeException or an Error
 * as it was, anything else wrapped). Thread-safe.
 */
final class Background<T> implements Supplier<T> {

    private final CompletableFuture<T> value = new CompletableFuture<>();

    private Background() {
    }

    /** Starts making the value on a daemon thread of this name. */
    static <T> Background<T> start(String threadName, Supplier<? extends T> maker) {
        Objects.requireNonNull(maker, "maker");
        Background<T> background = new Background<>();
        Thread thread = new Thread(() -> {
            try {
                background.value.complete(maker.get());
            } catch (Throwable e) {
                background.value.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    /** The value, once made (waiting for it until then). */
    @Override
    public T get() {
        try {
            return value.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
