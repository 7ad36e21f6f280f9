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
 * @param result       what it left the delivery at: DELIVERED, RETRYING or FAILED; never null or PENDING
 * @param detail       why it failed, without patient data; null when it did not
 */
public record DeliveryAttempt(String submissionId, int revision, int attempt, Instant at, DeliveryState result,
        String detail) {

    public DeliveryAttempt {
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(result, "result");
        if (!result.endsAnAttempt()) {
            throw new IllegalArgumentException("no attempt leaves a delivery " + result);
        }
    }
}
