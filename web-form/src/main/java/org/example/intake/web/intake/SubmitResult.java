package org.example.intake.web.intake;

import java.util.Objects;

import org.hl7.fhir.r4.model.OperationOutcome;

/** What submitting one intake came to. */
public sealed interface SubmitResult {

    /** Accepted and stored, with its delivery queued. */
    record Created(StoredSubmission submission) implements SubmitResult {
        public Created {
            Objects.requireNonNull(submission, "submission");
        }
    }

    /** The same patient sent the same idempotency key before: the first submission, unchanged. */
    record Repeated(StoredSubmission submission) implements SubmitResult {
        public Repeated {
            Objects.requireNonNull(submission, "submission");
        }
    }

    /**
     * Refused: the body is not a valid intake QuestionnaireResponse.
     *
     * @param unparseable whether the body is not even readable FHIR JSON (else it broke the Questionnaire's rules)
     * @param outcome     one issue per problem
     */
    record Invalid(boolean unparseable, OperationOutcome outcome) implements SubmitResult {
        public Invalid {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Refused: the response is about another patient than the one sending it. */
    record OtherPatient(String subject) implements SubmitResult {
    }
}
