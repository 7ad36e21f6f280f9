package org.example.intake.web.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.example.intake.fhir.extract.Submission;

/**
 * Where the delivery task finds what to send: provided by the feature that keeps the submissions
 * (the patient's intake), so delivery knows only the state of each delivery, not how a submission
 * is stored.
 */
@FunctionalInterface
public interface DeliverySource {

    /** The submission's latest revision as the EHR is to hold it, or empty when there is none with this id. */
    Optional<Deliverable> latest(String submissionId);

    /**
     * One submission's latest revision, as the delivery task needs it.
     *
     * @param id         the submission id; never null
     * @param revision   which revision this is (0 before any clinician's decision)
     * @param delivery   the state of this revision's delivery; never null
     * @param attempts   delivery attempts of this revision so far
     * @param receivedAt when the submission was accepted; never null
     * @param content    builds what the EHR is to hold (the same revision always gives the same); called on each
     *                   attempt, and a failure there is a failed attempt, tried again
     */
    record Deliverable(String id, int revision, DeliveryState delivery, int attempts, Instant receivedAt,
            Supplier<Submission> content) {

        public Deliverable {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(content, "content");
        }
    }
}
