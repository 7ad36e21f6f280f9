package org.example.intake.web.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.core.triage.TriageOutcome;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.Problem;
import org.example.intake.web.delivery.DeliveryQueue;
import org.example.intake.web.delivery.FirstDelivery;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts a patient's intakes: reads and validates the QuestionnaireResponse (fhir-adapter), triages it
 * (intake-core), and stores it with its outcome and its delivery job together (one statement, or one
 * local transaction), so what the patient was told is never lost and always reaches the EHR. Validation and the
 * rules live in those modules and are only called here. Each submission's result is published
 * as an {@link IntakeSubmitted} event. Thread-safe.
 */
public class SubmissionService {

    private static final Logger log = LoggerFactory.getLogger(SubmissionService.class);

    private final IntakeReader reader;
    private final TriageEngine engine;
    private final SubmissionStore store;
    private final DeliveryQueue deliveries;
    private final TransactionTemplate transaction;
    private final FhirContext fhir;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public SubmissionService(IntakeReader reader, TriageEngine engine, SubmissionStore store,
            DeliveryQueue deliveries, TransactionTemplate transaction, FhirContext fhir, Clock clock,
            ApplicationEventPublisher events) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.store = Objects.requireNonNull(store, "store");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.fhir = Objects.requireNonNull(fhir, "fhir");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Submits one intake for a patient.
     *
     * @param json           the QuestionnaireResponse as sent (FHIR JSON)
     * @param patientId      the sender's FHIR Patient id; the response's subject must be {@code Patient/<id>}, and
     *                       becomes it when absent
     * @param idempotencyKey the caller's key (or null): a repeat with the same key returns the first submission; when
     *                       null, the response's identifier ({@code system|value}) serves as the key if it has one
     * @return never null
     */
    public SubmitResult submit(String json, String patientId, String idempotencyKey) {
        return published(accept(json, null, patientId, idempotencyKey));
    }

    /**
     * Submits one intake for a patient, as a response built on the server (the patient's form): checked as it is,
     * not encoded and read again; stored in its one encoding. See {@link #submit(String, String, String)}.
     */
    public SubmitResult submit(QuestionnaireResponse response, String patientId, String idempotencyKey) {
        return published(accept(null, Objects.requireNonNull(response, "response"), patientId, idempotencyKey));
    }

    private SubmitResult published(SubmitResult result) {
        try {
            events.publishEvent(IntakeSubmitted.of(result));
        } catch (RuntimeException e) {
            // An observer's trouble must not turn a stored submission into an error for the patient.
            log.warn("intake event not published: {}", e.getClass().getName());
        }
        return result;
    }

    /** Accepts the response as received ({@code json}) or as built ({@code built}, then {@code json} is null). */
    private SubmitResult accept(String json, QuestionnaireResponse built, String patientId, String idempotencyKey) {
        Objects.requireNonNull(patientId, "patientId");
        if (idempotencyKey != null) {
            Optional<StoredSubmission> first = store.findByIdempotencyKey(patientId, idempotencyKey);
            if (first.isPresent()) {
                return new SubmitResult.Repeated(first.get());
            }
        }
        IntakeReading reading = built == null ? reader.read(json) : reader.read(built);
        if (!(reading instanceof IntakeReading.Accepted accepted)) {
            return new SubmitResult.Invalid(isUnparseable(reading.outcome()), reading.outcome());
        }
        QuestionnaireResponse response = accepted.response();
        String patient = "Patient/" + patientId;
        // The response is stored as it came, unless something is filled in here; then (or when it was built here)
        // it is encoded, once.
        boolean asReceived = json != null;
        if (!response.hasSubject() || !response.getSubject().hasReference()) {
            response.setSubject(new Reference(patient));
            asReceived = false;
        } else if (!patient.equals(response.getSubject().getReference())) {
            return new SubmitResult.OtherPatient(response.getSubject().getReference());
        }
        // A repeat of the response's identifier is found by the key's unique index when it is inserted (below), not
        // looked up first: repeats are rare, and every other submission would pay for the look-up.
        String key = idempotencyKey != null ? idempotencyKey : identifierKey(response);
        Instant now = clock.instant();
        if (!response.hasAuthored()) {
            // The Bundle's times come from authored: stamping it now makes every later delivery identical.
            response.setAuthoredElement(new DateTimeType(Date.from(now)));
            asReceived = false;
        }
        TriageOutcome outcome = engine.triage(accepted.answers());
        StoredSubmission submission = new StoredSubmission(UUID.randomUUID().toString(), patientId, now,
                asReceived ? json : fhir.newJsonParser().encodeResourceToString(response), outcome);
        try {
            store(submission, key);
        } catch (DuplicateKeyException e) {
            // The key was used before (a repeat of the identifier, or a request with it that won the race): answer
            // with that submission.
            return new SubmitResult.Repeated(store.findByIdempotencyKey(patientId, key).orElseThrow(() -> e));
        }
        // DEBUG: one line a request on the API's hot path cost as much CPU as the triage; the intake.submissions
        // counter (by outcome and level) and the stored row say the same for operators.
        log.debug("intake {} accepted: {} ({} rules)", submission.id(), outcome.level(), outcome.firedRules().size());
        return new SubmitResult.Created(submission);
    }

    /**
     * Stores a new submission with its first delivery job: in one statement where the store and the queue can write
     * them so (one round trip on PostgreSQL, atomic on its own), else as two inserts in one transaction. Both join a
     * caller's transaction.
     */
    private void store(StoredSubmission submission, String key) {
        Optional<FirstDelivery> job = store.insertsWithFirstDelivery() ? deliveries.firstDelivery(submission.id())
                : Optional.empty();
        if (job.isPresent()) {
            store.insert(submission, key, job.get());
            job.get().written();
            return;
        }
        transaction.executeWithoutResult(status -> {
            store.insert(submission, key);
            deliveries.enqueueNew(submission.id());
        });
    }

    /** The patient's last 50 submissions, newest first. */
    public List<StoredSubmission> ofPatient(String patientId) {
        return store.findByPatient(patientId, 50);
    }

    /** The submission with this id, or empty. */
    public Optional<StoredSubmission> find(String id) {
        return store.find(id);
    }

    private static boolean isUnparseable(OperationOutcome outcome) {
        return outcome.getIssue().stream().anyMatch(issue -> issue.getDetails().getCoding().stream()
                .anyMatch(coding -> Problem.SYSTEM.equals(coding.getSystem())
                        && Problem.MALFORMED_JSON.code().equals(coding.getCode())));
    }

    private static String identifierKey(QuestionnaireResponse response) {
        if (!response.hasIdentifier() || !response.getIdentifier().hasValue()) {
            return null;
        }
        String key = response.getIdentifier().getSystem() + "|" + response.getIdentifier().getValue();
        return key.length() <= 200 ? key : null;
    }
}
