package org.example.intake.web;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** OperationOutcome responses, as FHIR callers expect every error. */
public final class FhirErrors {

    public static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private FhirErrors() {
    }

    /** The outcome as the body of a response with this status. */
    public static ResponseEntity<String> response(HttpStatus status, OperationOutcome outcome) {
        return ResponseEntity.status(status).contentType(FHIR_JSON)
                .body(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome));
    }

    /** A response with one error issue saying what is wrong. */
    public static ResponseEntity<String> error(HttpStatus status, IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        return response(status, outcome);
    }
}
