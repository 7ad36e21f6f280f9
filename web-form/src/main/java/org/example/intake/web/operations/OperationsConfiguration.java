package org.example.intake.web.operations;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.ExampleIntakes;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.web.audit.AuditTrail;
import org.example.intake.web.delivery.DeliveryStore;
import org.example.intake.web.delivery.IntakeScheduler;
import org.example.intake.web.queue.PostgresQueueRelay;
import org.example.intake.web.retriage.RetriageService;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnCloudPlatform;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * What operators need of the plugin: its readiness (the {@code intake} health indicator, DOWN
 * until the plugin is warm, in the {@code readiness} group when the host has probes, unless it
 * sets that group's members itself) and its scheduler's ({@code intakeScheduler}), its Micrometer meters ({@link IntakeMetrics}; none are
 * published when the host has no MeterRegistry), the documentation of its API in the host's
 * OpenAPI description, and logs without patient data ({@link EhrTrafficLogs}). The host exposes
 * and secures the actuator and OpenAPI endpoints; the plugin's own security chain only matches
 * its API paths.
 */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

    @Bean
    IntakeWarmUp intakeWarmUp(FhirContext intakeFhirContext, IntakeReader reader, TriageEngine engine) {
        return IntakeWarmUp.of(intakeFhirContext, reader, engine);
    }

    /** A host without metrics gets meters that go nowhere: an empty composite registry. */
    @Bean
    IntakeMetrics intakeMetrics(ObjectProvider<MeterRegistry> registry, DeliveryStore store, AuditTrail audit,
            ObjectProvider<RetriageService> retriage, ObjectProvider<PostgresQueueRelay> relay) {
        IntakeMetrics metrics = new IntakeMetrics(registry.getIfUnique(CompositeMeterRegistry::new), store, audit);
        retriage.ifAvailable(service -> metrics.watch(service.progress()));
        relay.ifAvailable(metrics::watch);
        return metrics;
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
        IntakeReadinessIndicator intakeHealthIndicator(IntakeWarmUp warmUp, ObjectProvider<RetriageService> retriage,
                ObjectProvider<PostgresQueueRelay> relay) {
            RetriageService service = retriage.getIfAvailable();
            PostgresQueueRelay queueRelay = relay.getIfAvailable();
            return new IntakeReadinessIndicator(warmUp, service == null ? null : () -> service.progress().details(),
                    queueRelay == null ? null : () -> queueRelay.active() ? queueRelay.details() : null);
        }

        /** Named {@code intakeScheduler} in the host's health endpoint (beside db-scheduler's own for a host's). */
        @Bean
        IntakeSchedulerHealthIndicator intakeSchedulerHealthIndicator(IntakeScheduler scheduler) {
            return new IntakeSchedulerHealthIndicator(scheduler);
        }
    }

    /**
     * Adds {@code intake} to the {@code readiness} group, as a default the host's own list of its
     * members replaces, when Spring Boot makes the probe groups: probes enabled, or (unless turned
     * off) on Kubernetes or Cloud Foundry. Only then does {@code readinessState} exist, and a group
     * naming a missing member would stop the host from starting.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(ProbesEnabled.class)
    @PropertySource(name = "intake-readiness-group",
            value = "classpath:org/example/intake/web/operations/readiness.properties")
    static class ReadinessGroup {
    }

    /**
     * Spring Boot's own test for probes, with the setting's usual values: {@code true} or unset on
     * Kubernetes or Cloud Foundry ({@code management.endpoint.health.probes.enabled}, or the older
     * {@code management.health.probes.enabled} when that one is unset). Where it is unsure, it says no.
     */
    static final class ProbesEnabled extends AnyNestedCondition {

        private static final String PROBES = "management.endpoint.health.probes.enabled";
        private static final String OLD_PROBES = "management.health.probes.enabled";

        ProbesEnabled() {
            super(ConfigurationPhase.PARSE_CONFIGURATION);
        }

        @ConditionalOnProperty(name = PROBES, havingValue = "true")
        static class Enabled {
        }

        @ConditionalOnProperty(name = PROBES, havingValue = "true", matchIfMissing = true)
        @ConditionalOnProperty(name = OLD_PROBES, havingValue = "true")
        static class EnabledTheOldWay {
        }

        @ConditionalOnCloudPlatform(CloudPlatform.KUBERNETES)
        @ConditionalOnProperty(name = PROBES, havingValue = "true", matchIfMissing = true)
        @ConditionalOnProperty(name = OLD_PROBES, havingValue = "true", matchIfMissing = true)
        static class OnKubernetes {
        }

        @ConditionalOnCloudPlatform(CloudPlatform.CLOUD_FOUNDRY)
        @ConditionalOnProperty(name = PROBES, havingValue = "true", matchIfMissing = true)
        @ConditionalOnProperty(name = OLD_PROBES, havingValue = "true", matchIfMissing = true)
        static class OnCloudFoundry {
        }
    }

    /**
     * With springdoc in the host: the example body of the intake API's submit, and the OperationOutcome body of
     * every refusal (the endpoints carry the rest).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.GlobalOpenApiCustomizer")
    static class ApiDocs {

        @Bean
        IntakeApiExample intakeApiExample(FhirContext intakeFhirContext, IntakeReader reader) {
            return new IntakeApiExample(() -> intakeFhirContext.newJsonParser()
                    .encodeResourceToString(ExampleIntakes.benign(reader.questionnaires().current())));
        }

        @Bean
        IntakeApiRefusalDocs intakeApiRefusalDocs() {
            return new IntakeApiRefusalDocs();
        }
    }
}
