package org.example.intake.fhir;

import java.util.Objects;

import org.example.intake.core.answers.IntakeAnswers;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * What reading one QuestionnaireResponse gave: the typed answers, or the reasons it was
 * refused. Either way {@link #outcome()} is an OperationOutcome with at least one issue.
 */
public sealed interface IntakeReading {

    /** Every issue found (errors for a rejection; warnings or one information issue otherwise). */
    OperationOutcome outcome();

    /**
     * The response was valid against the intake Questionnaire.
     *
     * @param response the parsed response, never null
     * @param answers  its answers, typed; never null
     * @param outcome  warnings, or a single information issue when there were none
     */
    record Accepted(QuestionnaireResponse response, IntakeAnswers answers, OperationOutcome outcome)
            implements IntakeReading {
        public Accepted {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(answers, "answers");
            Objects.requireNonNull(outcome, "outcome");
        }

        /** The response's logical id (no type, no version), or null when it has none. */
        public String id() {
            return response.getIdElement().getIdPart();
        }
    }

    /**
     * The input was not a valid intake QuestionnaireResponse.
     *
     * @param outcome one error issue (with a FHIRPath expression where it applies) per problem
     */
    record Rejected(OperationOutcome outcome) implements IntakeReading {
        public Rejected {
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
