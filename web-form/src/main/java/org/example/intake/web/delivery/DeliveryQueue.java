package org.example.intake.web.delivery;

import java.util.Optional;

/**
 * Where an accepted submission's delivery to the EHR is queued. Implementations must enlist in
 * the caller's transaction, so the submission and its delivery job are committed together or
 * not at all.
 */
public interface DeliveryQueue {

    /**
     * Queues a delivery of this submission, to run as soon as possible; a delivery already queued for it stays as
     * it is (it will send the submission as it is then).
     */
    void enqueue(String submissionId);

    /**
     * Queues the first delivery of a submission just stored, which has none queued yet (its id is new): no need to
     * look for one first.
     */
    default void enqueueNew(String submissionId) {
        enqueue(submissionId);
    }

    /**
     * The first delivery of a submission about to be stored (its id is new), as an insert that the submission's own
     * insert can carry ({@link FirstDelivery}); empty when this queue cannot be written so, and the caller then calls
     * {@link #enqueueNew} in the submission's transaction instead.
     */
    default Optional<FirstDelivery> firstDelivery(String submissionId) {
        return Optional.empty();
    }
}
