package org.example.intake.web.queue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.core.triage.Level;
import org.example.intake.web.FhirErrors;
import org.example.intake.web.advice.AdviceWords;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.intake.IntakeView;
import org.example.intake.web.intake.StoredSubmission;
import org.example.intake.web.security.Caller;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The clinicians' API (the README's "The clinicians' queue"): the queue, and the decisions about a submission
 * (review, override, re-queue a parked delivery). Each decision is stored with its delivery to
 * the EHR queued; the answer says PENDING until the EHR has it. Refusals are OperationOutcomes.
 */
@RestController
class QueueApiController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClinicianQueue queue;
    private final DecisionService decisions;
    private final AdviceWords words;

    QueueApiController(ClinicianQueue queue, DecisionService decisions, AdviceWords words) {
        this.queue = queue;
        this.decisions = decisions;
        this.words = words;
    }

    @GetMapping("/api/queue")
    ResponseEntity<?> queue(@RequestParam Optional<String> level, @RequestParam Optional<String> delivery,
            @RequestParam Optional<String> page, @RequestParam Optional<String> after,
            @RequestParam Optional<String> before, Authentication authentication) {
        Optional<Level> levelFilter;
        Optional<DeliveryState> deliveryFilter;
        int number;
        QueueKey afterKey;
        QueueKey beforeKey;
        try {
            afterKey = after.filter(value -> !value.isBlank()).map(QueueKey::ofCursor).orElse(null);
            beforeKey = before.filter(value -> !value.isBlank()).map(QueueKey::ofCursor).orElse(null);
            levelFilter = level.filter(value -> !value.isBlank()).map(value -> parse(Level.class, value, "level"));
            deliveryFilter = delivery.filter(value -> !value.isBlank())
                    .map(value -> parse(DeliveryState.class, value, "delivery"));
            number = page.filter(value -> !value.isBlank()).map(QueueApiController::pageNumber).orElse(1);
        } catch (IllegalArgumentException e) {
            return FhirErrors.error(HttpStatus.BAD_REQUEST, IssueType.INVALID, e.getMessage());
        }
        QueueFilter filter = new QueueFilter(levelFilter, deliveryFilter);
        QueuePage result = queue.page(Caller.of(authentication).name(), filter, number, afterKey, beforeKey);
        return ResponseEntity.ok(QueueView.of(result,
                link(levelFilter, deliveryFilter, number + 1, "after", result.nextCursor()),
                link(levelFilter, deliveryFilter, Math.max(1, number - 1), "before", result.previousCursor())));
    }

    /** A page's URL: the filters, its number, and the key it starts after or ends before; null without a key. */
    private static String link(Optional<Level> level, Optional<DeliveryState> delivery, int page, String side,
            String cursor) {
        if (cursor == null) {
            return null;
        }
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/api/queue");
        level.ifPresent(value -> link.queryParam("level", value.name()));
        delivery.ifPresent(value -> link.queryParam("delivery", value.name()));
        return link.queryParam("page", page).queryParam(side, cursor).toUriString();
    }

    /** Marks a submission reviewed; body {@code {}} or {@code {"note":"..."}}. */
    @PostMapping("/api/intakes/{id}/review")
    ResponseEntity<?> review(@PathVariable String id, @RequestBody(required = false) String body,
            Authentication authentication) {
        JsonNode request;
        Optional<String> note;
        try {
            request = object(body);
            note = optionalText(request, "note");
        } catch (IllegalArgumentException e) {
            return FhirErrors.error(HttpStatus.BAD_REQUEST, IssueType.INVALID, e.getMessage());
        }
        String clinician = Caller.of(authentication).name();
        return decided(id, () -> decisions.review(id, clinician, note));
    }

    /** Replaces the level that counts; body {@code {"level":"URGENT","reason":"..."}}, the reason required. */
    @PostMapping("/api/intakes/{id}/override")
    ResponseEntity<?> override(@PathVariable String id, @RequestBody(required = false) String body,
            Authentication authentication) {
        JsonNode request;
        try {
            request = object(body);
        } catch (IllegalArgumentException e) {
            return FhirErrors.error(HttpStatus.BAD_REQUEST, IssueType.INVALID, e.getMessage());
        }
        Level level;
        String reason;
        try {
            level = parse(Level.class, optionalText(request, "level")
                    .orElseThrow(() -> new IllegalArgumentException("Say which level: \"level\" is required.")), "level");
            reason = optionalText(request, "reason").orElse("");
        } catch (IllegalArgumentException e) {
            return FhirErrors.error(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.REQUIRED, e.getMessage());
        }
        String clinician = Caller.of(authentication).name();
        return decided(id, () -> decisions.override(id, clinician, level, reason));
    }

    /** A clinician queues a parked (FAILED) delivery again: 202, or 404, or 409 when it is not FAILED. */
    @PostMapping("/api/intakes/{id}/redeliver")
    ResponseEntity<?> redeliver(@PathVariable String id, Authentication authentication) {
        String clinician = Caller.of(authentication).name();
        ResponseEntity<?> answer = decided(id, () -> decisions.redeliver(id, clinician));
        return answer.getStatusCode() == HttpStatus.OK ? ResponseEntity.accepted().body(answer.getBody()) : answer;
    }

    private ResponseEntity<?> decided(String id, Supplier<Optional<StoredSubmission>> decision) {
        try {
            return decision.get().<ResponseEntity<?>>map(submission -> ResponseEntity.ok(
                            IntakeView.forClinician(submission, words)))
                    .orElseGet(() -> FhirErrors.error(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "No intake " + id + "."));
        } catch (IllegalArgumentException e) {
            return FhirErrors.error(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.INVALID, e.getMessage());
        } catch (IntakeConflict e) {
            return FhirErrors.error(HttpStatus.CONFLICT, IssueType.CONFLICT, conflict(e.getMessage()));
        }
    }

    private static String conflict(String message) {
        return Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
    }

    /** The body as a JSON object; an absent or empty body is an empty object. */
    private static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("The body is not JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object.");
        }
        return node;
    }

    private static Optional<String> optionalText(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string.");
        }
        return Optional.of(value.asText());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown " + name + " \"" + value + "\": use one of "
                    + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    private static int pageNumber(String value) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= 1_000_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("page must be a whole number from 1.");
    }
}
