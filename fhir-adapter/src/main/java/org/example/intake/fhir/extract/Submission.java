package org.example.intake.fhir.extract;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.triage.TriageOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * One accepted intake, ready to go to the EHR: what the patient sent, how it was triaged, and
 * when. Everything in the transaction Bundle derives from it deterministically, so the same
 * submission always yields the same Bundle and a retried delivery can never duplicate.
 *
 * @param id        the submission id; identifiers of every resource derive from it
 * @param response  the validated QuestionnaireResponse, with a subject and an authored time (not modified by
 *                  the builder): the Observations' times come from it, so without it the same submission
 *                  would not always give the same Bundle
 * @param answers   its typed answers
 * @param outcome   the triage outcome
 * @param triagedAt when the intake was triaged (the Provenance's recorded time)
 */
public record Submission(String id, QuestionnaireResponse response, IntakeAnswers answers, TriageOutcome outcome,
        Instant triagedAt) {

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
    }
}
