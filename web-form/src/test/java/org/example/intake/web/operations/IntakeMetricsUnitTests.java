package org.example.intake.web.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.example.intake.core.triage.Level;
import org.example.intake.web.delivery.DeliveryAttempted;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.delivery.DeliveryStore;
import org.example.intake.web.intake.IntakeSubmitted.Outcome;
import org.example.intake.web.intake.IntakeSubmitted;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class IntakeMetricsUnitTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryStore store = mock(DeliveryStore.class);
    private final org.example.intake.web.audit.AuditTrail audit = mock(org.example.intake.web.audit.AuditTrail.class);
    private final IntakeMetrics metrics = new IntakeMetrics(registry, store, audit);

    private double submissions(String outcome, String level) {
        return registry.get(IntakeMetrics.SUBMISSIONS).tag("outcome", outcome).tag("level", level).counter().count();
    }

    private double attempts(String result) {
        return registry.get(IntakeMetrics.DELIVERY_ATTEMPTS).tag("result", result).counter().count();
    }

    @Test
    void everyOutcomeLevelAndResultIsThereAtZeroBeforeAnyEvent() {
        assertThat(registry.get(IntakeMetrics.SUBMISSIONS).counters()).hasSize(2 * Level.values().length + 2)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
        assertThat(registry.get(IntakeMetrics.SUBMISSIONS).counters())
                .extracting(counter -> counter.getId().getTag("outcome"))
                .containsOnly("accepted", "repeated", "invalid", "other-patient");
        assertThat(registry.get(IntakeMetrics.DELIVERY_ATTEMPTS).counters())
                .extracting(counter -> counter.getId().getTag("result")).containsExactlyInAnyOrder("delivered", "retry",
                        "failed");
        assertThat(registry.get(IntakeMetrics.DELIVERY_LAG).timer().count()).isZero();
    }

    @Test
    void clinicianDecisionsCountByKindAndTheAuditOutboxIsAGauge() {
        assertThat(registry.get(IntakeMetrics.DECISIONS).counters()).extracting(c -> c.getId().getTag("kind"))
                .containsExactlyInAnyOrder("reviewed", "overridden", "redelivery");
        metrics.on(new org.example.intake.web.queue.IntakeDecided("s-1",
                org.example.intake.web.queue.IntakeDecided.Kind.OVERRIDDEN));

        assertThat(registry.get(IntakeMetrics.DECISIONS).tag("kind", "overridden").counter().count()).isEqualTo(1);
        assertThat(registry.get(IntakeMetrics.DECISIONS).tag("kind", "reviewed").counter().count()).isZero();
        given(audit.countUnexported()).willReturn(7L);
        assertThat(registry.get(IntakeMetrics.AUDIT_UNEXPORTED).gauge().value()).isEqualTo(7);
    }

    @Test
    void anAcceptedSubmissionCountsUnderItsLevel() {
        metrics.on(new IntakeSubmitted(Outcome.ACCEPTED, Level.URGENT, "s-1"));

        assertThat(submissions("accepted", "URGENT")).isEqualTo(1);
        assertThat(submissions("accepted", "SELF_CARE")).isZero();
        assertThat(submissions("repeated", "URGENT")).isZero();
    }

    @Test
    void refusedSubmissionsCountWithoutALevel() {
        metrics.on(new IntakeSubmitted(Outcome.INVALID, null, null));
        metrics.on(new IntakeSubmitted(Outcome.INVALID, null, null));
        metrics.on(new IntakeSubmitted(Outcome.OTHER_PATIENT, null, null));

        assertThat(submissions("invalid", "NONE")).isEqualTo(2);
        assertThat(submissions("other-patient", "NONE")).isEqualTo(1);
    }

    @Test
    void aDeliveredAttemptCountsAndRecordsTheLagSinceReceipt() {
        metrics.on(new DeliveryAttempted("s-1", 2, DeliveryState.DELIVERED, Duration.ofSeconds(42)));

        assertThat(attempts("delivered")).isEqualTo(1);
        assertThat(registry.get(IntakeMetrics.DELIVERY_LAG).timer().count()).isEqualTo(1);
        assertThat(registry.get(IntakeMetrics.DELIVERY_LAG).timer().totalTime(TimeUnit.SECONDS)).isEqualTo(42);
    }

    @Test
    void retriesAndFailuresCountButRecordNoLag() {
        metrics.on(new DeliveryAttempted("s-1", 1, DeliveryState.RETRYING, Duration.ofSeconds(1)));
        metrics.on(new DeliveryAttempted("s-1", 2, DeliveryState.FAILED, Duration.ofSeconds(3)));

        assertThat(attempts("retry")).isEqualTo(1);
        assertThat(attempts("failed")).isEqualTo(1);
        assertThat(attempts("delivered")).isZero();
        assertThat(registry.get(IntakeMetrics.DELIVERY_LAG).timer().count()).isZero();
    }

    @Test
    void thePendingGaugeReadsTheStoreAtEachSample() {
        given(store.countUndelivered()).willReturn(3L, 1L);

        double first = registry.get(IntakeMetrics.DELIVERY_PENDING).gauge().value();
        double second = registry.get(IntakeMetrics.DELIVERY_PENDING).gauge().value();

        assertThat(first).isEqualTo(3);
        assertThat(second).isEqualTo(1);
    }

    @Test
    void thePendingGaugeHasNoValueWhenTheDatabaseCannotSay() {
        given(store.countUndelivered()).willThrow(new DataAccessResourceFailureException("down"));

        assertThat(registry.get(IntakeMetrics.DELIVERY_PENDING).gauge().value()).isNaN();
    }

    @Test
    void noMeterCarriesASubmissionId() {
        metrics.on(new IntakeSubmitted(Outcome.ACCEPTED, Level.SOON, "s-secret-id"));
        metrics.on(new DeliveryAttempted("s-secret-id", 1, DeliveryState.DELIVERED, Duration.ofSeconds(1)));

        assertThat(registry.getMeters()).extracting(Meter::getId).allSatisfy(id -> assertThat(id.getTags().toString())
                .doesNotContain("s-secret-id"));
    }
}
