package org.example.intake.web.queue;

import java.util.Objects;

/**
 * A clinician's decision about a submission was stored and its delivery queued, published after
 * the commit for the queue's live view and other observers. It carries no content.
 *
 * @param submissionId the submission; never null
 * @param kind         what was decided; never null
 */
public record IntakeDecided(String submissionId, Kind kind) {

    public IntakeDecided {
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(kind, "kind");
    }

    /** What a clinician did. */
    public enum Kind {
        /** Marked it reviewed. */
        REVIEWED,
        /** Replaced the level. */
        OVERRIDDEN,
        /** Queued a parked delivery again. */
        REDELIVERY
    }
}
