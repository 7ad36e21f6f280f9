package org.example.intake.web.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditRecord;
import org.example.intake.fhir.audit.ChainVerification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.example.intake.web.ApiDocs;
import org.example.intake.web.IntakeApi;
import org.example.intake.web.Refused;
import org.example.intake.web.security.Caller;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for admins: {@code GET /api/audit}, newest first, optionally about one
 * submission, paged back with {@code before}; {@code GET /api/audit/verification}, whether its hash
 * chain holds or where it first breaks. Reading either is itself recorded.
 */
@RestController
@IntakeApi
@Tag(name = "Audit trail", description = "Who read or decided what, for admins")
class AuditApiController {

    private static final int MAX_LIMIT = 1000;

    private final AuditTrail audit;
    private final AuditVerification verification;

    AuditApiController(AuditTrail audit, AuditVerification verification) {
        this.audit = audit;
        this.verification = verification;
    }

    @GetMapping("/api/audit")
    @ApiDocs.Bearer
    @Operation(operationId = "readAuditTrail", summary = "The audit trail, newest first",
            description = "Optionally about one submission, paged back with `before`. Reading it is itself recorded.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The records", content = @Content(
                            mediaType = ApiDocs.JSON, schema = @Schema(implementation = Page.class))),
                    @ApiResponse(responseCode = "400", description = "A before that is not an instant, or a limit "
                            + "outside 1 to " + MAX_LIMIT) })
    Page read(@Parameter(description = "Only the records about this submission") @RequestParam Optional<String> submission,
            @Parameter(description = "Only records before this instant, such as 2026-11-26T12:00:00Z")
            @RequestParam Optional<String> before,
            @Parameter(description = "At most this many records, 1 to " + MAX_LIMIT + " (100 by default)")
            @RequestParam Optional<Integer> limit, @Parameter(hidden = true) Authentication authentication) {
        Instant until;
        try {
            until = before.map(Instant::parse).orElse(null);
        } catch (DateTimeParseException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, IssueType.INVALID,
                    "before must be an instant such as 2026-11-26T12:00:00Z.");
        }
        int count = limit.orElse(100);
        if (count < 1 || count > MAX_LIMIT) {
            throw new Refused(HttpStatus.BAD_REQUEST, IssueType.INVALID, "limit must be from 1 to " + MAX_LIMIT + ".");
        }
        List<AuditRecord> records = audit.read(submission.orElse(null), until, count);
        audit.record(Caller.of(authentication).actor(), AuditAction.AUDIT_READ, submission.orElse(null), null,
                "audit trail read" + submission.map(id -> " for " + id).orElse("") + ": " + records.size()
                        + " record(s)");
        return new Page(records.stream().map(Entry::of).toList());
    }

    @GetMapping("/api/audit/verification")
    @ApiDocs.Bearer
    @Operation(operationId = "verifyAuditTrail", summary = "Whether the audit trail's hash chain holds",
            description = "Walks every record in sequence order and recomputes its hash: OK with the number of records"
                    + " and the last hash (worth keeping elsewhere, to compare later), or the first broken link: its "
                    + "sequence number, the record found there and what is wrong (content changed, record missing, "
                    + "previous hash mismatch, head mismatch). Reads the whole trail. The check is itself recorded.",
            responses = @ApiResponse(responseCode = "200", description = "The result, intact or broken",
                    content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = Verification.class))))
    Verification verify(@Parameter(hidden = true) Authentication authentication) {
        ChainVerification result = verification.verify();
        audit.record(Caller.of(authentication).actor(), AuditAction.AUDIT_READ, null, null,
                "audit chain verified: " + (result instanceof ChainVerification.Broken broken
                        ? "broken at sequence " + broken.seq() + " (" + broken.problem().words() + ")"
                        : "intact"));
        return Verification.of(result);
    }

    /**
     * What {@code GET /api/audit/verification} answers.
     *
     * @param intact   whether the whole chain holds
     * @param count    with intact, how many records it holds
     * @param lastHash with intact, the last record's hash
     * @param seq      when broken, the sequence number where it breaks
     * @param recordId when broken, the record found there (absent when it is missing)
     * @param problem  when broken: CONTENT_CHANGED, RECORD_MISSING, PREVIOUS_HASH_MISMATCH or HEAD_MISMATCH
     * @param summary  the result in one line, as {@code ./intake audit-verify} prints it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verification(boolean intact, Long count, String lastHash, Long seq, String recordId, String problem,
            String summary) {

        static Verification of(ChainVerification result) {
            if (result instanceof ChainVerification.Broken broken) {
                return new Verification(false, null, null, broken.seq(), broken.recordId(), broken.problem().name(),
                        broken.summary());
            }
            ChainVerification.Intact ok = (ChainVerification.Intact) result;
            return new Verification(true, ok.count(), ok.lastHash(), null, null, null, ok.summary());
        }
    }

    /** @param items the records, newest first */
    record Page(List<Entry> items) {
    }

    /**
     * One audit record as the API shows it.
     *
     * @param actor     who: the identity provider's stable id of the user ({@code sub}), or {@code system:...};
     *                  in records made before names were kept apart, the user name
     * @param actorName the user name at the time; absent in records made before names were kept apart
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String id, Instant at, String actor, String actorName, String action, String submissionId,
            String patientId, String detail) {

        static Entry of(AuditRecord record) {
            return new Entry(record.id(), record.at(), record.actor(), record.actorName().orElse(null),
                    record.action().name(),
                    record.submissionId().orElse(null), record.patientId().orElse(null), record.detail());
        }
    }
}
