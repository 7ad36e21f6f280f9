package org.example.intake.web.delivery;

import java.util.Arrays;

/**
 * Where a submission's delivery to the EHR stands (the API contract), and so also what one attempt
 * left it at: its delivery history and the metrics keep the attempt under its own word
 * ({@link #attemptResult()}).
 */
public enum DeliveryState {
    /** Accepted and stored; not yet tried. No attempt leaves a delivery PENDING. */
    PENDING(null),
    /** The EHR has it. */
    DELIVERED("DELIVERED"),
    /** An attempt failed in a way that may pass; another is scheduled. */
    RETRYING("RETRY"),
    /** Parked: the EHR refused it, or retries ran out. A clinician or operator can re-queue it. */
    FAILED("FAILED");

    private final String attemptResult;

    DeliveryState(String attemptResult) {
        this.attemptResult = attemptResult;
    }

    /**
     * The word an attempt that left the delivery in this state is kept under (the delivery history's
     * {@code result} column, the clinician's page, the metrics' {@code result} tag): DELIVERED, RETRY or FAILED.
     *
     * @throws IllegalStateException for PENDING, which no attempt leaves
     */
    public String attemptResult() {
        if (attemptResult == null) {
            throw new IllegalStateException("no attempt leaves a delivery " + this);
        }
        return attemptResult;
    }

    /** Whether an attempt can leave a delivery in this state (every state but PENDING). */
    public boolean endsAnAttempt() {
        return attemptResult != null;
    }

    /**
     * The state an attempt kept under this word left the delivery in.
     *
     * @throws IllegalArgumentException when it is none of {@link #attemptResult()}'s words
     */
    public static DeliveryState ofAttemptResult(String word) {
        return Arrays.stream(values()).filter(state -> word.equals(state.attemptResult)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an attempt's result: " + word));
    }
}
