package org.example.intake.web;

import java.util.Objects;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;

/**
 * An API request the plugin refuses, with the status and the OperationOutcome to answer it with
 * ({@link ApiRefusals} does). Thrown by the API's controllers instead of building the answer themselves.
 */
public class Refused extends RuntimeException {

    private final HttpStatus status;
    private final transient OperationOutcome outcome;

    /** A refusal with this outcome (one issue per problem). */
    public Refused(HttpStatus status, OperationOutcome outcome) {
        super(status.toString(), null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /** A refusal with one error issue of this type, saying what is wrong. */
    public Refused(HttpStatus status, IssueType type, String message) {
        this(status, FhirErrors.outcome(type, message));
    }

    public HttpStatus status() {
        return status;
    }

    public OperationOutcome outcome() {
        return outcome;
    }
}
