package org.example.intake.web.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.example.intake.core.triage.TriageOutcome;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.ehr.DeliveryResult;
import org.example.intake.fhir.ehr.EhrClient;
import org.example.intake.fhir.extract.Submission;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;
import org.example.intake.web.submission.DeliveryState;
import org.example.intake.web.submission.StoredSubmission;
import org.example.intake.web.submission.SubmissionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Delivers one submission to the EHR: a db-scheduler task whose instance id is the submission
 * id, so each submission has exactly one job and its attempts never overlap. Each run builds the
 * submission's transaction Bundle (the same every time) and posts it; the result is stored, then
 * the job is removed (delivered, or parked as FAILED) or rescheduled with backoff. Delivery is at
 * least once: a repeat after a crash finds the EHR's conditional creates already satisfied. Each
 * attempt's result is published as a {@link DeliveryAttempted} event.
 */
public final class DeliveryTask {

    /** The db-scheduler task: its data is the submission id. */
    public static final TaskDescriptor<String> TASK = TaskDescriptor.of("intake-delivery", String.class);

    private static final Logger log = LoggerFactory.getLogger(DeliveryTask.class);

    private final SubmissionStore store;
    private final IntakeReader reader;
    private final SubmissionBundleBuilder bundles;
    private final EhrClient ehr;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    DeliveryTask(SubmissionStore store, IntakeReader reader, SubmissionBundleBuilder bundles, EhrClient ehr,
            Backoff backoff, int maxAttempts, Clock clock, ApplicationEventPublisher events) {
        this.store = Objects.requireNonNull(store, "store");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.ehr = Objects.requireNonNull(ehr, "ehr");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.maxAttempts = maxAttempts;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** The task for db-scheduler; a run that dies with its node is revived on another. */
    CustomTask<String> task() {
        return Tasks.custom(TASK).onDeadExecutionRevive().execute(this::run);
    }

    private CompletionHandler<String> run(TaskInstance<String> instance, ExecutionContext context) {
        String id = instance.getData() != null ? instance.getData() : instance.getId();
        Optional<StoredSubmission> found = store.find(id);
        if (found.isEmpty()) {
            log.warn("delivery of intake {}: no such submission, job dropped", id);
            return new CompletionHandler.OnCompleteRemove<>();
        }
        StoredSubmission submission = found.get();
        if (submission.delivery() == DeliveryState.DELIVERED) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        int attempt = submission.attempts() + 1;
        DeliveryResult result;
        try {
            result = ehr.deliver(bundles.build(toSubmission(submission)));
        } catch (RuntimeException e) {
            // Not the EHR's answer but our own trouble (e.g. the database): try again later.
            result = new DeliveryResult.Failed(true, 0, "delivery failed: " + e.getClass().getSimpleName(),
                    Optional.empty(), Optional.empty());
        }
        Instant now = clock.instant();
        if (result instanceof DeliveryResult.Delivered) {
            store.recordDelivery(id, DeliveryState.DELIVERED, attempt, null, now);
            log.info("intake {} delivered (attempt {})", id, attempt);
            publish(submission, attempt, DeliveryAttempted.Result.DELIVERED, now);
            return new CompletionHandler.OnCompleteRemove<>();
        }
        DeliveryResult.Failed failed = (DeliveryResult.Failed) result;
        String reason = (failed.status() > 0 ? "HTTP " + failed.status() + ": " : "") + failed.reason();
        if (!failed.retryable() || attempt >= maxAttempts) {
            store.recordDelivery(id, DeliveryState.FAILED, attempt, reason, null);
            log.warn("intake {} delivery FAILED after {} attempt(s): {}", id, attempt, reason);
            publish(submission, attempt, DeliveryAttempted.Result.FAILED, now);
            return new CompletionHandler.OnCompleteRemove<>();
        }
        Duration wait = backoff.after(attempt, failed.retryAfter());
        store.recordDelivery(id, DeliveryState.RETRYING, attempt, reason, null);
        log.info("intake {} delivery attempt {} failed ({}); next in {}", id, attempt, reason, wait);
        publish(submission, attempt, DeliveryAttempted.Result.RETRY, now);
        Instant next = now.plus(wait);
        return (complete, operations) -> operations.reschedule(complete, next);
    }

    /** Publishes the attempt; an observer's trouble must not undo a stored result nor repeat a delivery. */
    private void publish(StoredSubmission submission, int attempt, DeliveryAttempted.Result result, Instant now) {
        Duration since = Duration.between(submission.receivedAt(), now);
        try {
            events.publishEvent(new DeliveryAttempted(submission.id(), attempt, result,
                    since.isNegative() ? Duration.ZERO : since));
        } catch (RuntimeException e) {
            log.warn("intake {} delivery event not published: {}", submission.id(), e.getClass().getName());
        }
    }

    private Submission toSubmission(StoredSubmission stored) {
        IntakeReading reading = reader.read(stored.responseJson());
        if (!(reading instanceof IntakeReading.Accepted accepted)) {
            throw new IllegalStateException("stored intake " + stored.id() + " no longer reads as valid");
        }
        TriageOutcome outcome = stored.outcome();
        return new Submission(stored.id(), accepted.response(), accepted.answers(), outcome, stored.receivedAt());
    }
}
