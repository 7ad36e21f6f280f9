package org.example.intake.web.intake;

import java.net.URI;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.example.intake.web.ApiDocs;
import org.example.intake.web.IntakeApi;
import org.example.intake.web.Refused;
import org.example.intake.web.advice.AdviceWords;
import org.example.intake.web.security.Caller;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The intake API (the README's plugin section is its contract): submit a QuestionnaireResponse, read a submission (a
 * clinician's read is audited). Reading, validation and triage happen in the service it calls; this class maps HTTP
 * to it, and its refusals are OperationOutcomes ({@link IntakeApi}).
 */
@RestController
@IntakeApi
@RequestMapping("/api/intakes")
@Tag(name = "Intake", description = "A patient's intake: submit it, read its outcome")
@SecurityScheme(name = ApiDocs.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token of the intake's issuer (intake.security.issuer-uri, Keycloak realm intake) with "
                + "audience intake-api: realm role patient and claim fhir_patient_id to submit; role patient or "
                + "clinician to read; clinician for the queue and the decisions; admin for the audit trail.")
class IntakeApiController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final SubmissionService intakes;
    private final ClinicianReads clinicians;
    private final AdviceWords words;

    IntakeApiController(SubmissionService intakes, ClinicianReads clinicians, AdviceWords words) {
        this.intakes = intakes;
        this.clinicians = clinicians;
        this.words = words;
    }

    @PostMapping
    @ApiDocs.Bearer
    @Operation(operationId = "submitIntake", summary = "Submit a patient's intake (a QuestionnaireResponse)",
            description = """
                    Reads and validates the QuestionnaireResponse against the intake Questionnaire version it \
                    names (1.2.0, 1.1.0 or 1.0.0; none means the current one), triages it, stores it with its \
                    delivery to the EHR and answers with the outcome. Only a patient can submit, about \
                    themselves: `subject` must be `Patient/<fhir_patient_id of the token>`, and a response \
                    without subject is taken as the sender's. A repeat with the same `Idempotency-Key` (or, \
                    without one, the same `identifier`) answers with the first submission. A token without                     `fhir_patient_id`, or a response about another patient, is refused with 403.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "The QuestionnaireResponse, FHIR R4 JSON, at most the plugin's "
                            + "intake.api.max-body-bytes (64 KB by default)",
                    content = { @Content(mediaType = ApiDocs.FHIR_JSON,
                                    schema = @Schema(implementation = ApiDocs.QuestionnaireResponse.class)),
                            @Content(mediaType = ApiDocs.JSON,
                                    schema = @Schema(implementation = ApiDocs.QuestionnaireResponse.class)) }),
            responses = {
                    @ApiResponse(responseCode = "201", description = "Accepted and stored: the triage outcome, "
                            + "delivery PENDING", headers = @Header(name = "Location",
                            description = "/api/intakes/{id} of the submission"),
                            content = @Content(mediaType = ApiDocs.JSON,
                                    schema = @Schema(implementation = IntakeView.class))),
                    @ApiResponse(responseCode = "200", description = "A repeat: the first submission with this "
                            + "Idempotency-Key (or identifier), unchanged", headers = @Header(name = "Location",
                            description = "/api/intakes/{id} of the submission"),
                            content = @Content(mediaType = ApiDocs.JSON,
                                    schema = @Schema(implementation = IntakeView.class))),
                    @ApiResponse(responseCode = "400", description = "Unparseable JSON (issue code malformed-json), or"
                            + " an Idempotency-Key that is not 1 to 200 visible ASCII characters"),
                    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE),
                    @ApiResponse(responseCode = "415", description = "Not application/fhir+json or application/json"),
                    @ApiResponse(responseCode = "422", description = "Not a valid intake response: one issue per "
                            + "problem, each with a stable code in issue.details.coding") })
    ResponseEntity<IntakeView> submit(@RequestBody(required = false) ReceivedIntake body,
            @Parameter(hidden = true) Authentication authentication,
            @Parameter(description = "The caller's key for this intake, 1 to 200 visible ASCII characters: a repeat "
                    + "with the same key answers with the first submission")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Caller caller = Caller.of(authentication);
        String patientId = caller.patientId().orElseThrow(() -> new Refused(HttpStatus.FORBIDDEN, IssueType.FORBIDDEN,
                "Only a patient can submit an intake: the token names no patient (fhir_patient_id)."));
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new Refused(HttpStatus.BAD_REQUEST, IssueType.INVALID,
                    "Idempotency-Key must be 1 to 200 visible ASCII characters.");
        }
        SubmitResult result = intakes.submit(body == null ? "" : body.json(), patientId, idempotencyKey);
        if (result instanceof SubmitResult.Created created) {
            return ResponseEntity.created(location(created.submission())).body(IntakeView.of(created.submission(), words));
        }
        if (result instanceof SubmitResult.Repeated repeated) {
            return ResponseEntity.ok().location(location(repeated.submission()))
                    .body(IntakeView.of(repeated.submission(), words));
        }
        if (result instanceof SubmitResult.Invalid invalid) {
            throw new Refused(invalid.unparseable() ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY,
                    invalid.outcome());
        }
        throw new Refused(HttpStatus.FORBIDDEN, IssueType.FORBIDDEN, "A patient can submit an intake only about"
                + " themselves: QuestionnaireResponse.subject names another patient.");
    }

    @GetMapping("/{id}")
    @ApiDocs.Bearer
    @ApiDocs.NoSuchIntake
    @Operation(operationId = "readIntake", summary = "Read one submission's outcome and delivery state",
            description = "The submission as at submit time, with where its delivery to the EHR stands now. A "
                    + "patient reads their own submissions and sees the verdict they were given; a clinician reads "
                    + "any (the read is audited) and sees the level that counts now, with the triage's own and the "
                    + "decisions beside it.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The submission, with its current delivery state",
                            content = @Content(mediaType = ApiDocs.JSON,
                                    schema = @Schema(implementation = IntakeView.class))) })
    IntakeView read(@Parameter(description = "The submission id, from the body or the Location of the answer to "
            + "the submit") @PathVariable("id") String path, @Parameter(hidden = true) Authentication authentication) {
        String id = SubmissionIds.checked(path);
        Caller caller = Caller.of(authentication);
        if (caller.clinician()) {
            return clinicians.read(caller.actor(), id).map(submission -> IntakeView.forClinician(submission, words))
                    .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "No intake " + id + "."));
        }
        // Another patient's submission is as absent as one that does not exist.
        return intakes.find(id).filter(submission -> caller.patientId().filter(submission.patientId()::equals).isPresent())
                .map(submission -> IntakeView.of(submission, words))
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "No intake " + id + " for you."));
    }

    private static URI location(StoredSubmission submission) {
        return URI.create("/api/intakes/" + submission.id());
    }
}
