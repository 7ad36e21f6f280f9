package org.example.intake.web.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: exponential backoff with full jitter between half and
 * all of the step (so many submissions failing together do not return together), never sooner
 * than the EHR's Retry-After, never later than the cap.
 */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration first, Duration max, DoubleSupplier random) {
        this.first = Objects.requireNonNull(first, "first");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, not " + first + " and " + max);
        }
    }

    /**
     * The wait after the given failed attempt.
     *
     * @param attempt    the attempt that failed, from 1
     * @param retryAfter what the EHR asked for, if anything
     */
    Duration after(int attempt, Optional<Duration> retryAfter) {
        long step = first.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(step, max.toMillis());
        long jittered = capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2));
        long wanted = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.min(Math.max(jittered, wanted), max.toMillis()));
    }
}
