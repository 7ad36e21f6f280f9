package org.example.intake.web;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** OperationOutcome responses, as FHIR callers expect every error; {@link FhirResourceConverter} writes them. */
public final class FhirErrors {

    public static final String FHIR_JSON_VALUE = "application/fhir+json";
    public static final MediaType FHIR_JSON = MediaType.parseMediaType(FHIR_JSON_VALUE);

    private FhirErrors() {
    }

    /** The outcome as the body of a response with this status, as FHIR JSON. */
    public static ResponseEntity<OperationOutcome> response(HttpStatus status, OperationOutcome outcome) {
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(outcome);
    }

    /** An outcome with one error issue of this type saying what is wrong. */
    public static OperationOutcome outcome(IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        return outcome;
    }
}
