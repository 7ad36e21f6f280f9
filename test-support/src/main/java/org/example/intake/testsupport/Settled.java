package org.example.intake.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "Nothing more follows", as a wait rather than a fixed sleep: Awaitility's {@code during}, on a value that must
 * stop changing (a count of rows, of resources in the EHR, of a page's fetches).
 */
public final class Settled {

    private static final Object NOT_READ = new Object();

    private Settled() {
    }

    /**
     * Waits until {@code value} has read the same for {@code quiet} (read every 250 ms) and returns that value.
     *
     * @throws org.awaitility.core.ConditionTimeoutException if it still changes after {@code atMost}
     */
    @SuppressWarnings("unchecked")
    public static <T> T awaitSettled(String what, Callable<T> value, Duration quiet, Duration atMost) {
        AtomicReference<Object> last = new AtomicReference<>(NOT_READ);
        await(what + ", until it stays the same for " + quiet.toMillis() + " ms").atMost(atMost)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).during(quiet)
                .until(() -> {
                    Object now = value.call();
                    return Objects.equals(last.getAndSet(now), now);
                });
        return (T) last.get();
    }
}
