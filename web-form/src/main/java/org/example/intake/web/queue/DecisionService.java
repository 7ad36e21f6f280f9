package org.example.intake.web.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.example.intake.core.triage.Level;
import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditActor;
import org.example.intake.fhir.extract.ClinicalDecision;
import org.example.intake.web.audit.AuditTrail;
import org.example.intake.web.delivery.DeliveryQueue;
import org.example.intake.web.delivery.DeliveryStore;
import org.example.intake.web.intake.StoredSubmission;
import org.example.intake.web.intake.SubmissionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clinicians' decisions about a submission: review, override, re-queue a parked delivery. Each
 * is stored as a new revision of the submission, recorded in the audit trail and its delivery to
 * the EHR queued, in one local transaction; each is published as an {@link IntakeDecided} event
 * after the commit. Thread-safe.
 */
public class DecisionService {

    /** The longest note or reason a clinician can give. */
    public static final int MAX_TEXT = 2000;

    private static final Logger log = LoggerFactory.getLogger(DecisionService.class);

    private final SubmissionStore submissions;
    private final QueueStore store;
    private final DeliveryStore deliveryStore;
    private final DeliveryQueue deliveries;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    public DecisionService(SubmissionStore submissions, QueueStore store, DeliveryStore deliveryStore,
            DeliveryQueue deliveries, TransactionTemplate transaction, Clock clock, ApplicationEventPublisher events,
            AuditTrail audit) {
        this.submissions = Objects.requireNonNull(submissions, "submissions");
        this.store = Objects.requireNonNull(store, "store");
        this.deliveryStore = Objects.requireNonNull(deliveryStore, "deliveryStore");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * Queues a parked (FAILED) delivery again, with a fresh count of attempts.
     *
     * @param actor the user asking (stable id and name), for the audit trail
     * @return the submission as it is now, or empty when there is none with this id
     * @throws IntakeConflict when its delivery is not FAILED (it is delivered or still being tried)
     */
    public Optional<StoredSubmission> redeliver(String id, AuditActor actor) {
        return decide(id, submission -> {
            if (!deliveryStore.requeue(id)) {
                throw new IntakeConflict("delivery of " + id + " is " + submission.delivery() + ", not FAILED");
            }
            audit.record(actor, AuditAction.REDELIVERY_REQUESTED, id, submission.patientId(),
                    "delivery queued again after: " + submission.lastError());
            return IntakeDecided.Kind.REDELIVERY;
        });
    }

    /**
     * A clinician marks a submission reviewed: the EHR's Flag becomes inactive, through the same
     * durable delivery as the submission.
     *
     * @param clinician the clinician (stable id and name); the decision names them by name, the audit trail by both
     * @param note      what they want to say about it, or empty
     * @return the submission as it is now, or empty when there is none with this id
     * @throws IntakeConflict          when it is already reviewed
     * @throws IllegalArgumentException when the note is longer than {@value #MAX_TEXT} characters
     */
    public Optional<StoredSubmission> review(String id, AuditActor clinician, Optional<String> note) {
        Optional<String> text = note.map(String::strip).filter(n -> !n.isEmpty());
        if (text.filter(n -> n.length() > MAX_TEXT).isPresent()) {
            throw new IllegalArgumentException("A note is at most " + MAX_TEXT + " characters.");
        }
        return decide(id, submission -> {
            if (!store.markReviewed(id, decisionTime(submission), clinician.name(), text.orElse(null))) {
                throw new IntakeConflict("intake " + id + " is already reviewed by "
                        + submission.decision().review().map(ClinicalDecision.Review::by).orElse("someone"));
            }
            audit.record(clinician, AuditAction.REVIEWED, id, submission.patientId(),
                    "marked reviewed" + text.map(n -> "; note: " + n).orElse(", no note"));
            return IntakeDecided.Kind.REVIEWED;
        });
    }

    /**
     * A clinician replaces the level that counts with their own: the EHR's ServiceRequest and Flag
     * follow it, through the same durable delivery; the triage's own verdict is kept beside it.
     *
     * @param clinician the clinician (stable id and name); the decision names them by name, the audit trail by both
     * @param reason    why, required
     * @return the submission as it is now, or empty when there is none with this id
     * @throws IllegalArgumentException when the reason is blank or longer than {@value #MAX_TEXT} characters
     * @throws IntakeConflict          when the level that counts already is this one
     */
    public Optional<StoredSubmission> override(String id, AuditActor clinician, Level level, String reason) {
        Objects.requireNonNull(level, "level");
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new IllegalArgumentException("Give the reason for changing the level.");
        }
        if (why.length() > MAX_TEXT) {
            throw new IllegalArgumentException("A reason is at most " + MAX_TEXT + " characters.");
        }
        return decide(id, submission -> {
            Level before = submission.currentLevel();
            if (before == level) {
                throw new IntakeConflict("intake " + id + " is already " + level);
            }
            store.override(id, level, before, why, decisionTime(submission), clinician.name());
            audit.record(clinician, AuditAction.OVERRIDDEN, id, submission.patientId(),
                    "level " + before + " changed to " + level + " (triage said " + submission.level() + "); reason: "
                            + why);
            return IntakeDecided.Kind.OVERRIDDEN;
        });
    }

    /**
     * Now, but never before the intake was received: with several nodes whose clocks differ a
     * little, a decision must still follow its triage (the EHR's Flag period cannot end before
     * it starts, and the Bundle builder refuses such a decision).
     */
    private Instant decisionTime(StoredSubmission submission) {
        Instant now = clock.instant();
        return now.isBefore(submission.receivedAt()) ? submission.receivedAt() : now;
    }

    /** Reads the submission, applies the decision, records it and queues its delivery in one transaction. */
    private Optional<StoredSubmission> decide(String id, Function<StoredSubmission, IntakeDecided.Kind> decision) {
        IntakeDecided.Kind kind = transaction.execute(status -> {
            Optional<StoredSubmission> found = submissions.findForUpdate(id);
            if (found.isEmpty()) {
                return null;
            }
            IntakeDecided.Kind done = decision.apply(found.get());
            deliveries.enqueue(id);
            return done;
        });
        if (kind == null) {
            return Optional.empty();
        }
        log.info("intake {}: {}", id, kind);
        try {
            events.publishEvent(new IntakeDecided(id, kind));
        } catch (RuntimeException e) {
            log.warn("intake event not published: {}", e.getClass().getName());
        }
        return submissions.find(id);
    }
}
