package org.example.intake.fhir.extract;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.triage.TriageOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * One accepted intake, ready to go to the EHR: what the patient sent, how it was triaged, when,
 * and what clinicians decided about it since. Everything in the transaction Bundle derives from
 * it deterministically, so the same submission always yields the same Bundle and a retried
 * delivery can never duplicate.
 *
 * @param id        the submission id; identifiers of every resource derive from it
 * @param response  the validated QuestionnaireResponse, with a subject and an authored time (not modified by
 *                  the builder): the Observations' times come from it, so without it the same submission
 *                  would not always give the same Bundle
 * @param answers   its typed answers
 * @param outcome   the triage outcome
 * @param triagedAt when the intake was triaged (the Provenance's recorded time)
 * @param decision  what clinicians decided so far ({@link ClinicalDecision#NONE} for nothing); its times are
 *                  not before {@code triagedAt}
 */
public record Submission(String id, QuestionnaireResponse response, IntakeAnswers answers, TriageOutcome outcome,
        Instant triagedAt, ClinicalDecision decision) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    public Submission {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a submission id is 1 to 64 letters, digits, '-' or '.'");
        }
        Objects.requireNonNull(response, "response");
        if (!response.hasSubject() || !response.getSubject().hasReference()) {
            throw new IllegalArgumentException("a submission needs QuestionnaireResponse.subject: the patient");
        }
        if (!response.hasAuthored()) {
            throw new IllegalArgumentException("a submission needs QuestionnaireResponse.authored: when it was given");
        }
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(triagedAt, "triagedAt");
        Objects.requireNonNull(decision, "decision (ClinicalDecision.NONE for none)");
        notBeforeTriage(decision.review().map(ClinicalDecision.Review::at), triagedAt, "review");
        notBeforeTriage(decision.override().map(ClinicalDecision.Override::at), triagedAt, "override");
    }

    /** A submission nobody has decided anything about yet ({@link ClinicalDecision#NONE}). */
    public Submission(String id, QuestionnaireResponse response, IntakeAnswers answers, TriageOutcome outcome,
            Instant triagedAt) {
        this(id, response, answers, outcome, triagedAt, ClinicalDecision.NONE);
    }

    /** The same submission with this decision instead of its own. */
    public Submission withDecision(ClinicalDecision decision) {
        return new Submission(id, response, answers, outcome, triagedAt, decision);
    }

    private static void notBeforeTriage(Optional<Instant> at, Instant triagedAt, String part) {
        if (at.isPresent() && at.get().isBefore(triagedAt)) {
            throw new IllegalArgumentException("the " + part + " (" + at.get() + ") cannot be before the triage ("
                    + triagedAt + ")");
        }
    }
}
