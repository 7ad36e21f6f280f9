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
import org.example.intake.fhir.ehr.DeliveryResult;
import org.example.intake.fhir.ehr.EhrClient;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers one submission to the EHR: a db-scheduler task whose instance id is the submission
 * id, so each submission has exactly one job and its attempts never overlap. Each run builds the
 * Bundle of the submission's latest revision (its triage and any clinician's decision since, or a
 * newer rule set's raise of its level: the same revision always gives the same Bundle) and posts
 * it; the attempt joins the delivery history, then the job is removed (delivered, or parked as
 * FAILED) or rescheduled with backoff. Delivery is at least once: a repeat after a crash finds the
 * EHR's conditional creates already satisfied. Each attempt's result is published as a
 * {@link DeliveryAttempted} event.
 */
public final class DeliveryTask {

    /** The db-scheduler task: its data is the submission id. */
    public static final TaskDescriptor<String> TASK = TaskDescriptor.of("intake-delivery", String.class);

    private static final Logger log = LoggerFactory.getLogger(DeliveryTask.class);

    private final DeliveryStore store;
    private final DeliverySource submissions;
    private final SubmissionBundleBuilder bundles;
    private final EhrClient ehr;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    DeliveryTask(DeliveryStore store, DeliverySource submissions, SubmissionBundleBuilder bundles, EhrClient ehr,
            Backoff backoff, int maxAttempts, Clock clock, ApplicationEventPublisher events,
            TransactionTemplate transaction) {
        this.store = Objects.requireNonNull(store, "store");
        this.submissions = Objects.requireNonNull(submissions, "submissions");
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.ehr = Objects.requireNonNull(ehr, "ehr");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.maxAttempts = maxAttempts;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.transaction = Objects.requireNonNull(transaction, "transaction");
    }

    /** The task for db-scheduler; a run that dies with its node is revived on another. */
    CustomTask<String> task() {
        return Tasks.custom(TASK).onDeadExecutionRevive().execute(this::run);
    }

    private CompletionHandler<String> run(TaskInstance<String> instance, ExecutionContext context) {
        String id = instance.getData() != null ? instance.getData() : instance.getId();
        Optional<DeliverySource.Deliverable> found = submissions.latest(id);
        if (found.isEmpty()) {
            log.warn("delivery of intake {}: no such submission, job dropped", id);
            return new CompletionHandler.OnCompleteRemove<>();
        }
        DeliverySource.Deliverable submission = found.get();
        if (submission.delivery() == DeliveryState.DELIVERED) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        int revision = submission.revision();
        int attempt = submission.attempts() + 1;
        DeliveryResult result;
        try {
            result = ehr.deliver(bundles.build(submission.content().get()));
        } catch (RuntimeException e) {
            // Not the EHR's answer but our own trouble (e.g. the database): try again later.
            result = new DeliveryResult.Failed(true, 0, "delivery failed: " + e.getClass().getSimpleName(),
                    Optional.empty(), Optional.empty());
        }
        Instant now = clock.instant();
        if (result instanceof DeliveryResult.Delivered delivered) {
            return complete(submission, new DeliveryAttempt(id, revision, attempt, now,
                    DeliveryState.DELIVERED, null), delivered.locations(), null);
        }
        DeliveryResult.Failed failed = (DeliveryResult.Failed) result;
        String reason = (failed.status() > 0 ? "HTTP " + failed.status() + ": " : "") + failed.reason();
        if (!failed.retryable() || attempt >= maxAttempts) {
            return complete(submission, new DeliveryAttempt(id, revision, attempt, now, DeliveryState.FAILED,
                    reason), null, null);
        }
        Duration wait = backoff.after(attempt, failed.retryAfter());
        return complete(submission, new DeliveryAttempt(id, revision, attempt, now, DeliveryState.RETRYING,
                reason), null, now.plus(wait));
    }

    /**
     * Records the attempt and settles the job in one transaction. Recording the state is
     * conditional on the revision sent still being the latest: a clinician's decision stored
     * meanwhile (which takes the same row lock) makes a newer one, and the job then runs again at
     * once for it, rather than being removed under the decision's feet.
     *
     * @param locations the EHR's resource ids when delivered, else null
     * @param next      when to try again, or null when the attempt ends the job
     */
    private CompletionHandler<String> complete(DeliverySource.Deliverable submission, DeliveryAttempt attempt,
            java.util.List<String> locations, Instant next) {
        String id = submission.id();
        DeliveryState state = attempt.result();
        return (complete, operations) -> {
            boolean latest = Boolean.TRUE.equals(transaction.execute(status -> {
                store.recordAttempt(attempt);
                boolean recorded = store.recordDelivery(id, attempt.revision(), state, attempt.attempt(),
                        attempt.detail(), state == DeliveryState.DELIVERED ? attempt.at() : null, locations);
                if (!recorded) {
                    operations.reschedule(complete, clock.instant());
                } else if (next == null) {
                    operations.remove();
                } else {
                    operations.reschedule(complete, next);
                }
                return recorded;
            }));
            logAttempt(id, attempt, latest, next);
            publish(submission, attempt.attempt(), state, attempt.at());
        };
    }

    private static void logAttempt(String id, DeliveryAttempt attempt, boolean latest, Instant next) {
        if (!latest) {
            log.info("intake {} revision {} sent (attempt {}: {}); a newer revision follows now", id,
                    attempt.revision(), attempt.attempt(), attempt.result().attemptResult());
        } else if (attempt.result() == DeliveryState.DELIVERED) {
            log.info("intake {} delivered (revision {}, attempt {})", id, attempt.revision(), attempt.attempt());
        } else if (attempt.result() == DeliveryState.FAILED) {
            log.warn("intake {} delivery FAILED after {} attempt(s): {}", id, attempt.attempt(), attempt.detail());
        } else {
            log.info("intake {} delivery attempt {} failed ({}); next at {}", id, attempt.attempt(), attempt.detail(),
                    next);
        }
    }

    /** Publishes the attempt; an observer's trouble must not undo a stored result nor repeat a delivery. */
    private void publish(DeliverySource.Deliverable submission, int attempt, DeliveryState result, Instant now) {
        Duration since = Duration.between(submission.receivedAt(), now);
        try {
            events.publishEvent(new DeliveryAttempted(submission.id(), attempt, result,
                    since.isNegative() ? Duration.ZERO : since));
        } catch (RuntimeException e) {
            log.warn("intake {} delivery event not published: {}", submission.id(), e.getClass().getName());
        }
    }
}
