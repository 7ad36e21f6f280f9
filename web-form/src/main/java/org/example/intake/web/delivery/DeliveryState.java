package org.example.intake.web.delivery;

/** Where a submission's delivery to the EHR stands (the API contract). */
public enum DeliveryState {
    /** Accepted and stored; not yet tried. */
    PENDING,
    /** The EHR has it. */
    DELIVERED,
    /** An attempt failed in a way that may pass; another is scheduled. */
    RETRYING,
    /** Parked: the EHR refused it, or retries ran out. A clinician or operator can re-queue it. */
    FAILED
}
