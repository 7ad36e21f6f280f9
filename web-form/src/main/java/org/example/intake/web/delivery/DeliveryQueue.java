package org.example.intake.web.delivery;

/**
 * Where an accepted submission's delivery to the EHR is queued. Implementations must enlist in
 * the caller's transaction, so the submission and its delivery job are committed together or
 * not at all.
 */
public interface DeliveryQueue {

    /** Queues the first delivery attempt of this submission, to run as soon as possible. */
    void enqueue(String submissionId);
}
