package org.example.intake.web.operations;

import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * What operators need of the plugin: its readiness (the {@code intake} health indicator, DOWN
 * until the plugin is warm, in the {@code readiness} group unless the host sets that group's
 * members itself). The host exposes and secures the actuator endpoints; the plugin's own security
 * chain only matches its API paths.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource(name = "intake-operations-defaults",
        value = "classpath:org/example/intake/web/operations/readiness.properties")
public class OperationsConfiguration {

    @Bean
    IntakeWarmUp intakeWarmUp(IntakeReader reader, TriageEngine engine) {
        return IntakeWarmUp.of(reader, engine);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Health {

        /** Named {@code intake} in the host's health endpoint. */
        @Bean
        IntakeReadinessIndicator intakeHealthIndicator(IntakeWarmUp warmUp) {
            return new IntakeReadinessIndicator(warmUp);
        }
    }
}
