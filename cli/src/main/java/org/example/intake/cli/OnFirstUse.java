package org.example.intake.cli;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A value made by the first {@link #get()}, on that caller's thread, and only then: for a value a run may never need
 * (HAPI's reader, which {@code triage} needs only for a record the streaming reader leaves), so that a run that does
 * not need it does not pay for it. Others asking meanwhile wait for it. Making it throws on every {@code get()} what
 * making it threw (a RuntimeException or an Error as it was, anything else wrapped). Thread-safe.
 */
final class OnFirstUse<T> implements Supplier<T> {

    private final CompletableFuture<T> value = new CompletableFuture<>();
    private Supplier<? extends T> maker;

    private OnFirstUse(Supplier<? extends T> maker) {
        this.maker = Objects.requireNonNull(maker, "maker");
    }

    static <T> OnFirstUse<T> of(Supplier<? extends T> maker) {
        return new OnFirstUse<>(maker);
    }

    /** The value: made now by the first caller, waited for by the others. */
    @Override
    public T get() {
        if (!value.isDone()) {
            make();
        }
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

    private synchronized void make() {
        if (maker == null) {
            return; // made (or failed) by another caller
        }
        Supplier<? extends T> toMake = maker;
        maker = null;
        try {
            value.complete(toMake.get());
        } catch (Throwable e) {
            value.completeExceptionally(e);
        }
    }
}
