package org.example.intake.web.operations;

import java.util.Locale;
import java.util.Objects;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The plugin's health, {@code intake}, in the host's {@code readiness} group: DOWN until the
 * {@link IntakeWarmUp} has finished (and for good if it failed), then UP. Its details are the
 * warm-up's: the FHIR version, the Questionnaire versions, the rule set and how long it took.
 */
final class IntakeReadinessIndicator implements HealthIndicator {

    private final IntakeWarmUp warmUp;

    IntakeReadinessIndicator(IntakeWarmUp warmUp) {
        this.warmUp = Objects.requireNonNull(warmUp, "warmUp");
    }

    @Override
    public Health health() {
        IntakeWarmUp.State state = warmUp.state();
        Health.Builder health = state == IntakeWarmUp.State.DONE ? Health.up() : Health.down();
        return health.withDetail("warmUp", state.name().toLowerCase(Locale.ROOT))
                .withDetails(warmUp.details()).build();
    }
}
