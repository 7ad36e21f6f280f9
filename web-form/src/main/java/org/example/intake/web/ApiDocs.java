package org.example.intake.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import io.swagger.v3.oas.annotations.ExternalDocumentation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * What the API's OpenAPI annotations share (the endpoints carry their own): the bearer scheme's name, the words for
 * the security chain's refusals, and the two FHIR resources' schemas. The schemas describe the JSON, not HAPI's
 * classes (which a documentation tool would otherwise walk in full); nothing reads or writes these records. A refusal
 * is documented by its status and words alone: the operations feature gives every refusal of an {@link IntakeApi}
 * controller the {@link OperationOutcome} body, as {@link ApiRefusals} answers them.
 */
public final class ApiDocs {

    /** The security scheme every endpoint names. */
    public static final String BEARER = "intake-bearer";
    public static final String JSON = "application/json";
    public static final String FHIR_JSON = FhirErrors.FHIR_JSON_VALUE;

    public static final String UNAUTHORIZED = "No bearer token, or one that is unsigned, expired, of another issuer or "
            + "without the intake-api audience: an OperationOutcome (issue code login), and the reason in "
            + "WWW-Authenticate";
    public static final String FORBIDDEN = "The token's role does not allow this request (a submission: or it names "
            + "no patient, or the response is about another patient): an OperationOutcome (issue code forbidden)";

    public static final String TOO_LARGE = "The body is over the size limit (intake.api.max-body-bytes, 64 KB by "
            + "default); it was not read";

    private ApiDocs() {
    }

    /** What every endpoint answers for its bearer token: 401 without a valid one, 403 with one of another role. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @SecurityRequirement(name = BEARER)
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED)
    @ApiResponse(responseCode = "403", description = FORBIDDEN)
    public @interface Bearer {
    }

    /** 404 for an intake id that names no submission (or, for a patient, none of theirs). */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "404", description = "No such submission (for a patient: none of theirs)")
    public @interface NoSuchIntake {
    }

    /** A FHIR R4 OperationOutcome as the API writes it. */
    @Schema(name = "OperationOutcome", description = "A FHIR R4 OperationOutcome: why the request was refused",
            externalDocs = @ExternalDocumentation(url = "https://hl7.org/fhir/R4/operationoutcome.html"))
    public record OperationOutcome(
            @Schema(allowableValues = "OperationOutcome", requiredMode = Schema.RequiredMode.REQUIRED) String resourceType,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Issue> issue) {

        /** One problem. */
        @Schema(name = "OperationOutcomeIssue")
        public record Issue(
                @Schema(allowableValues = { "fatal", "error", "warning", "information" }) String severity,
                @Schema(description = "The FHIR issue type: invalid, required, forbidden, login, not-found, conflict,"
                        + " too-long, not-supported, exception") String code,
                @Schema(description = "For an invalid response, the problem's stable code in "
                        + org.example.intake.fhir.Problem.SYSTEM) Details details,
                @Schema(description = "What is wrong, in words") String diagnostics,
                @Schema(description = "Where (FHIRPath in a response, the field in a request), when the problem has"
                        + " a place") List<String> expression) {
        }

        /** The issue's coded detail. */
        @Schema(name = "OperationOutcomeIssueDetails")
        public record Details(List<Coding> coding) {
        }

        /** A code of a code system. */
        @Schema(name = "Coding")
        public record Coding(String system, String code) {
        }
    }

    /** A FHIR R4 QuestionnaireResponse to the intake Questionnaire. */
    @Schema(name = "QuestionnaireResponse", description = "A FHIR R4 QuestionnaireResponse answering the intake "
            + "Questionnaire http://example.org/fhir/Questionnaire/buttock-cramp-intake (version 1.2.0, 1.1.0 or 1.0.0;"
            + " none named means the current one): items nested group, then question, by linkId",
            externalDocs = @ExternalDocumentation(url = "https://hl7.org/fhir/R4/questionnaireresponse.html"))
    public record QuestionnaireResponse(
            @Schema(allowableValues = "QuestionnaireResponse", requiredMode = Schema.RequiredMode.REQUIRED)
            String resourceType,
            @Schema(example = "http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.2.0",
                    requiredMode = Schema.RequiredMode.REQUIRED) String questionnaire,
            @Schema(allowableValues = "completed", requiredMode = Schema.RequiredMode.REQUIRED) String status,
            @Schema(description = "Patient/<fhir_patient_id of the token>; none means the sender") Reference subject,
            @Schema(format = "date-time", description = "none means the time it is received") String authored,
            @Schema(description = "Without an Idempotency-Key, a repeat with the same identifier answers with the "
                    + "first submission") Identifier identifier,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Object> item) {

        /** A reference to a resource. */
        @Schema(name = "Reference")
        public record Reference(@Schema(example = "Patient/alex") String reference) {
        }

        /** A business identifier. */
        @Schema(name = "Identifier")
        public record Identifier(String system, String value) {
        }
    }
}
