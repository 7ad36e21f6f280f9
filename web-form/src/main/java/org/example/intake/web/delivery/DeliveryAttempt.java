package org.example.intake.web.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to bring a submission's revision to the EHR, as its delivery history keeps it.
 *
 * @param submissionId the submission; never null
 * @param revision     which revision of the submission was sent (0 before any clinician's decision)
 * @param attempt      which attempt at that revision, from 1
 * @param at           when it ended; never null
 * @param result       what came of it; never null
 * @param detail       why it failed, without patient data; null when it did not
 */
public record DeliveryAttempt(String submissionId, int revision, int attempt, Instant at, Result result,
        String detail) {

    public DeliveryAttempt {
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(result, "result");
    }

    /** What one attempt came to. */
    public enum Result {
        /** The EHR took the Bundle. */
        DELIVERED,
        /** It failed in a way that may pass: another attempt follows. */
        RETRY,
        /** The EHR refused it, or attempts ran out: parked. */
        FAILED
    }
}
