package org.example.intake.web.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * One delivery attempt's result, published by the delivery task after it is stored, for metrics
 * and other observers. It carries nothing of the submission's content nor of the EHR's answer.
 *
 * @param submissionId  the submission delivered; never null
 * @param attempt       which attempt this was, from 1
 * @param result        what it left the delivery at: DELIVERED, RETRYING or FAILED; never null or PENDING
 * @param sinceReceived from the submission's acceptance to the end of this attempt; never null or negative
 */
public record DeliveryAttempted(String submissionId, int attempt, DeliveryState result, Duration sinceReceived) {

    public DeliveryAttempted {
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(sinceReceived, "sinceReceived");
        if (!result.endsAnAttempt()) {
            throw new IllegalArgumentException("no attempt leaves a delivery " + result);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, not " + attempt);
        }
        if (sinceReceived.isNegative()) {
            throw new IllegalArgumentException("an attempt cannot end before its submission was received: "
                    + sinceReceived);
        }
    }
}
