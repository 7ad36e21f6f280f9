package org.example.intake.web.delivery;

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
}
