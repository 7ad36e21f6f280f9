package org.example.intake.web.operations;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.web.submission.SubmissionStore;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * What operators need of the plugin: its readiness (the {@code intake} health indicator, DOWN
 * until the plugin is warm, in the {@code readiness} group unless the host sets that group's
 * members itself), its Micrometer meters ({@link IntakeMetrics}; none are published when the
 * host has no MeterRegistry), the documentation of its API in the host's OpenAPI description, and
 * logs without patient data ({@link EhrTrafficLogs}).
 * The host exposes and secures the actuator and OpenAPI endpoints; the plugin's own security
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

    /** A host without metrics gets meters that go nowhere: an empty composite registry. */
    @Bean
    IntakeMetrics intakeMetrics(ObjectProvider<MeterRegistry> registry, SubmissionStore store) {
        return new IntakeMetrics(registry.getIfUnique(CompositeMeterRegistry::new), store);
    }

    /** Caps the EHR client's body-writing loggers as the context starts, before any delivery runs. */
    @Bean
    InitializingBean intakeEhrTrafficLogs(ObjectProvider<LoggingSystem> logging) {
        return () -> logging.ifAvailable(EhrTrafficLogs::cap);
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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.GlobalOpenApiCustomizer")
    static class ApiDocs {

        @Bean
        IntakeApiDocs intakeApiDocs(IntakeReader reader) {
            return new IntakeApiDocs(() -> FhirContext.forR4Cached().newJsonParser()
                    .encodeResourceToString(ExampleIntake.response(reader.questionnaires().current().canonical())));
        }
    }
}
