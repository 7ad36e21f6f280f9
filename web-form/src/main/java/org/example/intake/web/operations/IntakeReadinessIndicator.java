package org.example.intake.web.operations;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The plugin's health, {@code intake}, in the host's {@code readiness} group: DOWN until the
 * {@link IntakeWarmUp} has finished (and for good if it failed), then UP. Its details are the
 * warm-up's: the FHIR version, the Questionnaire versions, the rule set and how long it took;
 * and {@code retriage}: where the re-triage of waiting submissions by a newer rule set stands
 * ({@code state}, {@code pending}, {@code done}, ...). The re-triage never holds readiness: the
 * service takes patients (whom the current rules triage anyway) while it runs in the background.
 * On PostgreSQL, {@code queueRelay}: whether the queue's live updates from the other nodes are heard
 * ({@code connected}, {@code reconnects}, ...); a detail too, as pages still fetch their rows now and then.
 */
final class IntakeReadinessIndicator implements HealthIndicator {

    private final IntakeWarmUp warmUp;
    private final Supplier<Map<String, Object>> retriage;
    private final Supplier<Map<String, Object>> queueRelay;

    IntakeReadinessIndicator(IntakeWarmUp warmUp) {
        this(warmUp, null);
    }

    /** @param retriage the re-triage's progress as details, or null for none */
    IntakeReadinessIndicator(IntakeWarmUp warmUp, Supplier<Map<String, Object>> retriage) {
        this(warmUp, retriage, null);
    }

    /** @param queueRelay the queue relay's state as details (null from it: not relaying), or null for none */
    IntakeReadinessIndicator(IntakeWarmUp warmUp, Supplier<Map<String, Object>> retriage,
            Supplier<Map<String, Object>> queueRelay) {
        this.warmUp = Objects.requireNonNull(warmUp, "warmUp");
        this.retriage = retriage;
        this.queueRelay = queueRelay;
    }

    @Override
    public Health health() {
        IntakeWarmUp.State state = warmUp.state();
        Health.Builder health = state == IntakeWarmUp.State.DONE ? Health.up() : Health.down();
        health.withDetail("warmUp", state.name().toLowerCase(Locale.ROOT)).withDetails(warmUp.details());
        if (retriage != null) {
            // A detail, not a condition: patients are taken while waiting submissions are re-triaged.
            health.withDetail("retriage", retriage.get());
        }
        Map<String, Object> relay = queueRelay == null ? null : queueRelay.get();
        if (relay != null) {
            health.withDetail("queueRelay", relay);
        }
        return health.build();
    }
}
