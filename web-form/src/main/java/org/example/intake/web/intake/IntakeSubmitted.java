package org.example.intake.web.intake;

import java.util.Objects;

import org.example.intake.core.triage.Level;

/**
 * What came of one call to {@link SubmissionService#submit}, published once the caller's answer is
 * known (after the commit, when something was stored), for metrics and other observers. It
 * carries no answer, no response and no patient id.
 *
 * @param outcome      what the service answered; never null
 * @param level        the triage level of the new or repeated submission; null when it was refused
 * @param submissionId the id of the new or repeated submission; null when it was refused
 */
public record IntakeSubmitted(Outcome outcome, Level level, String submissionId) {

    public IntakeSubmitted {
        Objects.requireNonNull(outcome, "outcome");
        if ((level == null) != (outcome == Outcome.INVALID || outcome == Outcome.OTHER_PATIENT)) {
            throw new IllegalArgumentException("a stored submission has a level, a refused one none: " + outcome
                    + " with level " + level);
        }
    }

    /** How a submission ended. */
    public enum Outcome {
        /** Stored, its delivery queued. */
        ACCEPTED,
        /** Not a valid intake response (unparseable, or against the Questionnaire's rules). */
        INVALID,
        /** About another patient than the sender. */
        OTHER_PATIENT,
        /** A repeat of an earlier submission (same idempotency key): answered with the first. */
        REPEATED
    }

    /** The event for this result of {@link SubmissionService#submit}. */
    static IntakeSubmitted of(SubmitResult result) {
        if (result instanceof SubmitResult.Created created) {
            return new IntakeSubmitted(Outcome.ACCEPTED, created.submission().level(), created.submission().id());
        }
        if (result instanceof SubmitResult.Repeated repeated) {
            return new IntakeSubmitted(Outcome.REPEATED, repeated.submission().level(), repeated.submission().id());
        }
        if (result instanceof SubmitResult.Invalid) {
            return new IntakeSubmitted(Outcome.INVALID, null, null);
        }
        return new IntakeSubmitted(Outcome.OTHER_PATIENT, null, null);
    }
}
