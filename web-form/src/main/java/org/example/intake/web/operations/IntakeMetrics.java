package org.example.intake.web.operations;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.example.intake.core.triage.Level;
import org.example.intake.web.audit.AuditTrail;
import org.example.intake.web.delivery.DeliveryAttempted;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.delivery.DeliveryStore;
import org.example.intake.web.intake.IntakeSubmitted;
import org.example.intake.web.queue.IntakeDecided;
import org.example.intake.web.retriage.RetriageProgress;
import org.springframework.context.event.EventListener;

/**
 * The plugin's Micrometer meters, fed by the submission and delivery events (so neither feature
 * knows Micrometer):
 * <ul>
 * <li>{@code intake.submissions} (counter): tags {@code outcome} (accepted, invalid, other-patient,
 * repeated) and {@code level} (EMERGENCY, URGENT, SOON, SELF_CARE; NONE for a refused one);</li>
 * <li>{@code intake.delivery.attempts} (counter): tag {@code result} (delivered, retry, failed);</li>
 * <li>{@code intake.delivery.lag} (timer): from receiving a submission to the EHR taking it;</li>
 * <li>{@code intake.delivery.pending} (gauge): submissions neither DELIVERED nor FAILED, counted in
 * the shared store, so every node reports the same number;</li>
 * <li>{@code intake.decisions} (counter): clinicians' decisions, tag {@code kind} (reviewed, overridden,
 * redelivery);</li>
 * <li>{@code intake.audit.unexported} (gauge): audit records the EHR does not hold yet as AuditEvents
 * (the same on every node);</li>
 * <li>{@code intake.retriage.remaining} (gauge): waiting submissions that an older rule set triaged and
 * this node's re-triage has still to reach (0 once it is done).</li>
 * </ul>
 * Every combination of tags is registered at zero from the start, so rates and alerts work
 * before the first event. No tag holds an id or anything a patient wrote.
 */
final class IntakeMetrics {

    static final String SUBMISSIONS = "intake.submissions";
    static final String DELIVERY_ATTEMPTS = "intake.delivery.attempts";
    static final String DELIVERY_LAG = "intake.delivery.lag";
    static final String DELIVERY_PENDING = "intake.delivery.pending";
    static final String DECISIONS = "intake.decisions";
    static final String AUDIT_UNEXPORTED = "intake.audit.unexported";
    static final String RETRIAGE_REMAINING = "intake.retriage.remaining";
    static final String NO_LEVEL = "NONE";

    private final MeterRegistry registry;

    IntakeMetrics(MeterRegistry registry, DeliveryStore store, AuditTrail audit) {
        this.registry = Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(audit, "audit");
        for (IntakeDecided.Kind kind : IntakeDecided.Kind.values()) {
            decisions(kind);
        }
        Gauge.builder(AUDIT_UNEXPORTED, audit, IntakeMetrics::unexported)
                .description("Audit records not yet written to the EHR as AuditEvents (the same on every node)")
                .strongReference(true)
                .register(registry);
        for (IntakeSubmitted.Outcome outcome : IntakeSubmitted.Outcome.values()) {
            if (outcome == IntakeSubmitted.Outcome.ACCEPTED || outcome == IntakeSubmitted.Outcome.REPEATED) {
                for (Level level : Level.values()) {
                    submissions(outcome, level.name());
                }
            } else {
                submissions(outcome, NO_LEVEL);
            }
        }
        for (DeliveryState result : DeliveryState.values()) {
            if (result.endsAnAttempt()) {
                attempts(result);
            }
        }
        lag();
        Gauge.builder(DELIVERY_PENDING, store, IntakeMetrics::undelivered)
                .description("Submissions not yet delivered to the EHR nor parked as failed (the same on every node)")
                .strongReference(true)
                .register(registry);
    }

    /** Publishes the re-triage's progress as {@value #RETRIAGE_REMAINING}. */
    void watch(RetriageProgress progress) {
        Gauge.builder(RETRIAGE_REMAINING, progress, RetriageProgress::remaining)
                .description("Waiting submissions an older rule set triaged that this node's re-triage has still to reach")
                .strongReference(true)
                .register(registry);
    }

    @EventListener
    void on(IntakeSubmitted submitted) {
        submissions(submitted.outcome(), submitted.level() == null ? NO_LEVEL : submitted.level().name()).increment();
    }

    @EventListener
    void on(IntakeDecided decided) {
        decisions(decided.kind()).increment();
    }

    @EventListener
    void on(DeliveryAttempted attempted) {
        attempts(attempted.result()).increment();
        if (attempted.result() == DeliveryState.DELIVERED) {
            lag().record(attempted.sinceReceived());
        }
    }

    private Counter submissions(IntakeSubmitted.Outcome outcome, String level) {
        return Counter.builder(SUBMISSIONS).description("Intakes submitted, by outcome and triage level")
                .tag("outcome", tag(outcome)).tag("level", level)
                .register(registry);
    }

    private Counter decisions(IntakeDecided.Kind kind) {
        return Counter.builder(DECISIONS).description("Clinicians' decisions about submissions, by kind")
                .tag("kind", tag(kind))
                .register(registry);
    }

    private Counter attempts(DeliveryState result) {
        return Counter.builder(DELIVERY_ATTEMPTS).description("Delivery attempts to the EHR, by result")
                .tag("result", result.attemptResult().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private Timer lag() {
        return Timer.builder(DELIVERY_LAG).description("From receiving a submission to the EHR taking it")
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
                        Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(4))
                .register(registry);
    }

    /** The store's count, or NaN (no sample) when the database cannot say. */
    private static double undelivered(DeliveryStore store) {
        try {
            return store.countUndelivered();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The audit outbox's size, or NaN (no sample) when the database cannot say. */
    private static double unexported(AuditTrail audit) {
        try {
            return audit.countUnexported();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** ACCEPTED as accepted, OTHER_PATIENT as other-patient. */
    static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
