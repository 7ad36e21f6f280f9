package org.example.intake.core.answers;

/** The kind of value a {@link Question} takes, as in the FHIR Questionnaire item type. */
public enum AnswerType {
    BOOLEAN("boolean"),
    INTEGER("integer"),
    CHOICE("choice"),
    TEXT("text");

    private final String fhirType;

    AnswerType(String fhirType) {
        this.fhirType = fhirType;
    }

    /** The Questionnaire {@code item.type} code, never null. */
    public String fhirType() {
        return fhirType;
    }
}
