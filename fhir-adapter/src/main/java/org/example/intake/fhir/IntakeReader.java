package org.example.intake.fhir;

import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * Turns a QuestionnaireResponse (JSON text or parsed) into {@link IntakeReading}: validates it
 * against the intake Questionnaire and, when valid, maps its answers to
 * {@link org.example.intake.core.answers.IntakeAnswers}. Thread-safe: share one instance.
 */
public final class IntakeReader {

    /** Parses and validates one QuestionnaireResponse given as JSON text; never throws on bad input. */
    public IntakeReading read(String json) {
        throw new UnsupportedOperationException("being written");
    }

    /** Validates an already parsed response; never throws on bad input. */
    public IntakeReading read(QuestionnaireResponse response) {
        throw new UnsupportedOperationException("being written");
    }
}
