package org.example.intake.web.operations;

import java.util.Objects;

import org.example.intake.web.delivery.IntakeScheduler;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The plugin's scheduler, {@code intakeScheduler} in the host's health endpoint: UP while it polls and runs the
 * plugin's jobs (deliveries to the EHR, the audit export), DOWN while it is paused, stopping or stopped, when
 * accepted submissions wait in the store and nothing reaches the EHR. Not in the readiness group: patients are
 * still taken (and kept) while deliveries wait. Its details: {@code state}, {@code executing}, {@code threads} and
 * {@code staleHeartbeats} (running jobs it has missed heartbeats of). The host's db-scheduler, if it has one, has
 * its own indicator from db-scheduler's starter; this one never reports on it.
 */
final class IntakeSchedulerHealthIndicator implements HealthIndicator {

    private final IntakeScheduler scheduler;

    IntakeSchedulerHealthIndicator(IntakeScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public Health health() {
        IntakeScheduler.Status status = scheduler.status();
        return (status.running() ? Health.up() : Health.down())
                .withDetail("state", status.state())
                .withDetail("executing", status.executing())
                .withDetail("threads", status.threads())
                .withDetail("staleHeartbeats", status.stale())
                .build();
    }
}
