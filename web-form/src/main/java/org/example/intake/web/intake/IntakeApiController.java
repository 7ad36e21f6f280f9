package org.example.intake.web.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.example.intake.web.FhirErrors;
import org.example.intake.web.IntakeProperties;
import org.example.intake.web.advice.AdviceWords;
import org.example.intake.web.security.Caller;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The intake API (the README's plugin section is its contract): submit a QuestionnaireResponse, read a submission (a
 * clinician's read is audited).
 * Reading, validation and triage happen in the service it calls; this class maps HTTP to it.
 */
@RestController
@RequestMapping("/api/intakes")
class IntakeApiController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final SubmissionService intakes;
    private final ClinicianReads clinicians;
    private final AdviceWords words;
    private final int maxBodyBytes;

    IntakeApiController(SubmissionService intakes, ClinicianReads clinicians, AdviceWords words,
            IntakeProperties properties) {
        this.intakes = intakes;
        this.clinicians = clinicians;
        this.words = words;
        this.maxBodyBytes = properties.api().maxBodyBytes();
    }

    @PostMapping
    ResponseEntity<?> submit(HttpServletRequest request, Authentication authentication,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) throws IOException {
        if (!isFhirJson(request.getContentType())) {
            return FhirErrors.error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, IssueType.NOTSUPPORTED,
                    "Send the QuestionnaireResponse as application/fhir+json or application/json.");
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            return tooLarge();
        }
        Optional<String> body = readAtMost(request.getInputStream(), maxBodyBytes);
        if (body.isEmpty()) {
            return tooLarge();
        }
        Caller caller = Caller.of(authentication);
        if (caller.patientId().isEmpty()) {
            return FhirErrors.error(HttpStatus.FORBIDDEN, IssueType.FORBIDDEN,
                    "Only a patient can submit an intake: the token names no patient (fhir_patient_id).");
        }
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            return FhirErrors.error(HttpStatus.BAD_REQUEST, IssueType.INVALID,
                    "Idempotency-Key must be 1 to 200 visible ASCII characters.");
        }
        SubmitResult result = intakes.submit(body.get(), caller.patientId().get(), idempotencyKey);
        if (result instanceof SubmitResult.Created created) {
            return ResponseEntity.created(URI.create("/api/intakes/" + created.submission().id()))
                    .body(IntakeView.of(created.submission(), words));
        }
        if (result instanceof SubmitResult.Repeated repeated) {
            return ResponseEntity.ok().location(URI.create("/api/intakes/" + repeated.submission().id()))
                    .body(IntakeView.of(repeated.submission(), words));
        }
        if (result instanceof SubmitResult.Invalid invalid) {
            return FhirErrors.response(invalid.unparseable() ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY,
                    invalid.outcome());
        }
        return FhirErrors.error(HttpStatus.FORBIDDEN, IssueType.FORBIDDEN, "A patient can submit an intake only about"
                + " themselves: QuestionnaireResponse.subject names another patient.");
    }

    @GetMapping("/{id}")
    ResponseEntity<?> read(@PathVariable String id, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller.clinician()) {
            return clinicians.read(caller.name(), id).<ResponseEntity<?>>map(submission -> ResponseEntity.ok(
                    IntakeView.forClinician(submission, words))).orElseGet(() -> FhirErrors.error(HttpStatus.NOT_FOUND,
                            IssueType.NOTFOUND, "No intake " + id + "."));
        }
        Optional<StoredSubmission> found = intakes.find(id)
                .filter(submission -> caller.patientId().filter(submission.patientId()::equals).isPresent());
        if (found.isEmpty()) {
            // Another patient's submission is as absent as one that does not exist.
            return FhirErrors.error(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "No intake " + id + " for you.");
        }
        return ResponseEntity.ok(IntakeView.of(found.get(), words));
    }

    /** Checked here rather than by the mapping, so the refusal is an OperationOutcome like every other. */
    private static boolean isFhirJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return FhirErrors.FHIR_JSON.equalsTypeAndSubtype(type) || MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private ResponseEntity<String> tooLarge() {
        return FhirErrors.error(HttpStatus.PAYLOAD_TOO_LARGE, IssueType.TOOLONG,
                "The body is over " + maxBodyBytes + " bytes; an intake is far smaller.");
    }

    /** The body as UTF-8 text, or empty when it has more than {@code limit} bytes (reading stops there). */
    private static Optional<String> readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > limit) {
                return Optional.empty();
            }
            out.write(buffer, 0, n);
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }
}
