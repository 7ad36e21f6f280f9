package org.example.intake.web.queue;

import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.example.intake.web.ApiDocs;
import org.example.intake.web.IntakeApi;
import org.example.intake.web.Refused;
import org.example.intake.web.advice.AdviceWords;
import org.example.intake.web.intake.SubmissionIds;
import org.example.intake.web.intake.IntakeView;
import org.example.intake.web.intake.StoredSubmission;
import org.example.intake.web.security.Caller;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clinicians' API (the README's "The clinicians' queue"): the queue, and the decisions about a submission
 * (review, override, re-queue a parked delivery). Each decision is stored with its delivery to the EHR queued; the
 * answer says PENDING until the EHR has it. Refusals are OperationOutcomes ({@link IntakeApi}): a bad query 400, a
 * decision's body that is not a JSON object of strings 400, one that breaks its constraints 422, no such intake
 * 404, a decision its state rules out 409.
 */
@RestController
@IntakeApi
@Tag(name = "Clinicians' queue", description = "The queue of submissions and the clinicians' decisions about them")
class QueueApiController {

    private final ClinicianQueue queue;
    private final DecisionService decisions;
    private final AdviceWords words;

    QueueApiController(ClinicianQueue queue, DecisionService decisions, AdviceWords words) {
        this.queue = queue;
        this.decisions = decisions;
        this.words = words;
    }

    @GetMapping("/api/queue")
    @ApiDocs.Bearer
    @Operation(operationId = "readQueue", summary = "One page of the clinicians' queue",
            description = "Unreviewed first, then the level that counts (EMERGENCY first), then oldest first; "
                    + "`next` and `previous` link the neighbouring pages by key. The read is audited.",
            parameters = {
                    @Parameter(name = "level", in = ParameterIn.QUERY, description = "Only this level that counts",
                            schema = @Schema(allowableValues = { "EMERGENCY", "URGENT", "SOON", "SELF_CARE" })),
                    @Parameter(name = "delivery", in = ParameterIn.QUERY, description = "Only this delivery state",
                            schema = @Schema(allowableValues = { "PENDING", "DELIVERED", "RETRYING", "FAILED" })),
                    @Parameter(name = "page", in = ParameterIn.QUERY, description = "The page's number, from 1",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "1000000")),
                    @Parameter(name = "after", in = ParameterIn.QUERY,
                            description = "The cursor the page starts after (from `next`)"),
                    @Parameter(name = "before", in = ParameterIn.QUERY,
                            description = "The cursor the page ends before (from `previous`)") },
            responses = {
                    @ApiResponse(responseCode = "200", description = "The page",
                            content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = QueueView.class))),
                    @ApiResponse(responseCode = "400", description = "An unknown level or delivery state, a page that "
                            + "is not a whole number from 1, or a cursor this queue did not make") })
    QueueView queue(@Parameter(hidden = true) QueueQuery query, @Parameter(hidden = true) Authentication authentication) {
        QueuePage result = queue.page(Caller.of(authentication).actor(), query.filter(), query.page(), query.after(),
                query.before());
        return QueueView.of(result,
                result.nextCursor() == null ? null
                        : query.link("/api/queue", query.page() + 1, "after", result.nextCursor()),
                result.previousCursor() == null ? null
                        : query.link("/api/queue", Math.max(1, query.page() - 1), "before", result.previousCursor()));
    }

    @PostMapping("/api/intakes/{id}/review")
    @ApiDocs.Bearer
    @ApiDocs.NoSuchIntake
    @Operation(operationId = "reviewIntake", summary = "Mark a submission reviewed",
            description = "The EHR's Flag becomes inactive, through the same durable delivery as the submission. "
                    + "Body `{}` or `{\"note\":\"...\"}`, or none.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(
                    mediaType = ApiDocs.JSON, schema = @Schema(implementation = DecisionRequests.Review.class))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "Reviewed: the submission as it is now, "
                            + "delivery PENDING", content = @Content(mediaType = ApiDocs.JSON,
                                    schema = @Schema(implementation = IntakeView.class))),
                    @ApiResponse(responseCode = "400", description = "The body is not a JSON object of strings"),
                    @ApiResponse(responseCode = "409", description = "Already reviewed"),
                    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE),
                    @ApiResponse(responseCode = "422", description = "A note over 2,000 characters") })
    IntakeView review(@PathVariable("id") String path,
            @Parameter(hidden = true) @Valid @RequestBody(required = false) DecisionRequests.Review body,
            @Parameter(hidden = true) Authentication authentication) {
        String id = SubmissionIds.checked(path);
        DecisionRequests.Review request = body == null ? DecisionRequests.Review.NONE : body;
        return decided(id, decisions.review(id, Caller.of(authentication).actor(), request.optionalNote()));
    }

    @PostMapping("/api/intakes/{id}/override")
    @ApiDocs.Bearer
    @ApiDocs.NoSuchIntake
    @Operation(operationId = "overrideIntake", summary = "Replace the level that counts with a clinician's",
            description = "The EHR's ServiceRequest and Flag follow it, through the same durable delivery; the "
                    + "triage's own verdict is kept beside it. Body `{\"level\":\"URGENT\",\"reason\":\"...\"}`.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = ApiDocs.JSON, schema = @Schema(implementation = DecisionRequests.OverrideLevel.class))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "Overridden: the submission as it is now, "
                            + "delivery PENDING", content = @Content(mediaType = ApiDocs.JSON,
                                    schema = @Schema(implementation = IntakeView.class))),
                    @ApiResponse(responseCode = "400", description = "The body is not a JSON object of strings"),
                    @ApiResponse(responseCode = "409", description = "The level that counts already is this one"),
                    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE),
                    @ApiResponse(responseCode = "422", description = "No level, an unknown level, no reason or one "
                            + "over 2,000 characters: one issue per problem") })
    IntakeView override(@PathVariable("id") String path,
            @Parameter(hidden = true) @Valid @RequestBody(required = false) DecisionRequests.OverrideLevel body,
            @Parameter(hidden = true) Authentication authentication) {
        String id = SubmissionIds.checked(path);
        if (body == null) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.REQUIRED,
                    "Say which level: \"level\" is required.");
        }
        return decided(id, decisions.override(id, Caller.of(authentication).actor(), body.chosen(), body.reason()));
    }

    @PostMapping("/api/intakes/{id}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiDocs.Bearer
    @ApiDocs.NoSuchIntake
    @Operation(operationId = "redeliverIntake", summary = "Queue a parked (FAILED) delivery again",
            description = "With a fresh count of attempts.",
            responses = {
                    @ApiResponse(responseCode = "202", description = "Queued again: the submission as it is now, "
                            + "delivery PENDING", content = @Content(mediaType = ApiDocs.JSON,
                                    schema = @Schema(implementation = IntakeView.class))),
                    @ApiResponse(responseCode = "409", description = "Its delivery is not FAILED (delivered, or still "
                            + "being tried)") })
    IntakeView redeliver(@PathVariable("id") String path, @Parameter(hidden = true) Authentication authentication) {
        String id = SubmissionIds.checked(path);
        return decided(id, decisions.redeliver(id, Caller.of(authentication).actor()));
    }

    private IntakeView decided(String id, Optional<StoredSubmission> decided) {
        return decided.map(submission -> IntakeView.forClinician(submission, words))
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "No intake " + id + "."));
    }
}
