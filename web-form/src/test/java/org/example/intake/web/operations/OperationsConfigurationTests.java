package org.example.intake.web.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.web.delivery.DeliveryAttempted;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.delivery.DeliveryStore;
import org.example.intake.web.delivery.IntakeScheduler;
import org.example.intake.web.intake.IntakeSubmitted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The operations feature on its own, without a web server: what it needs of a host, and what it leaves to it. */
class OperationsConfigurationTests {

    private static final String READINESS_MEMBERS = "management.endpoint.health.group.readiness.include";
    private static final String PROBES = "management.endpoint.health.probes.enabled";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(OperationsConfiguration.class)
            .withBean(ca.uhn.fhir.context.FhirContext.class, ca.uhn.fhir.context.FhirContext::forR4Cached)
            .withBean(IntakeReader.class, IntakeReader::new)
            .withBean(TriageEngine.class, TriageEngine::new)
            .withBean(DeliveryStore.class, () -> mock(DeliveryStore.class))
            .withBean(IntakeScheduler.class, () -> mock(IntakeScheduler.class))
            .withBean(org.example.intake.web.audit.AuditTrail.class, () -> mock(org.example.intake.web.audit.AuditTrail.class));

    @Test
    void aHostWithoutAMeterRegistryStillTakesTheEvents_theMetersGoNowhere() {
        runner.run(context -> {
            context.publishEvent(new IntakeSubmitted(IntakeSubmitted.Outcome.ACCEPTED, Level.SOON, "s-1"));
            context.publishEvent(new DeliveryAttempted("s-1", 1, DeliveryState.DELIVERED, Duration.ZERO));

            assertThat(context).hasNotFailed().doesNotHaveBean(MeterRegistry.class).hasSingleBean(IntakeMetrics.class);
        });
    }

    @Test
    void aHostsMeterRegistryGetsTheMeters() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            context.publishEvent(new IntakeSubmitted(IntakeSubmitted.Outcome.ACCEPTED, Level.SOON, "s-1"));

            assertThat(context.getBean(MeterRegistry.class).get("intake.submissions").tag("level", "SOON")
                    .tag("outcome", "accepted").counter().count()).isEqualTo(1);
        });
    }

    @Test
    void withProbesTheReadinessGroupIncludesTheIntake() {
        runner.withPropertyValues(PROBES + "=true").run(context ->
                assertThat(context.getEnvironment().getProperty(READINESS_MEMBERS)).isEqualTo("readinessState,intake"));
    }

    @Test
    void onKubernetesTheReadinessGroupIncludesTheIntake_unlessProbesAreTurnedOff() {
        ApplicationContextRunner kubernetes = runner.withPropertyValues("spring.main.cloud-platform=kubernetes");

        kubernetes.run(context -> assertThat(context.getEnvironment().getProperty(READINESS_MEMBERS))
                .isEqualTo("readinessState,intake"));
        kubernetes.withPropertyValues(PROBES + "=false").run(context ->
                assertThat(context.getEnvironment().getProperty(READINESS_MEMBERS)).isNull());
    }

    @Test
    void withoutProbesThePluginNamesNoReadinessGroup() {
        runner.run(context -> assertThat(context.getEnvironment().getProperty(READINESS_MEMBERS)).isNull());
    }

    @Test
    void aHostThatNamesTheReadinessGroupsMembersKeepsItsOwn() {
        runner.withPropertyValues(PROBES + "=true", READINESS_MEMBERS + "=readinessState,db").run(context ->
                assertThat(context.getEnvironment().getProperty(READINESS_MEMBERS)).isEqualTo("readinessState,db"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", PROBES + "=true", PROBES + "=false", "spring.main.cloud-platform=kubernetes" })
    void theHostsHealthEndpointStarts_withTheIntakeInReadinessWheneverThereIsSuchAGroup(String setting) {
        runner.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
                        EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                        HealthEndpointAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
                        AvailabilityProbesAutoConfiguration.class))
                .withPropertyValues(setting.isEmpty() ? new String[0] : new String[] { setting })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HealthEndpointGroup readiness = context.getBean(HealthEndpointGroups.class).get("readiness");
                    if (readiness != null) {
                        assertThat(readiness.isMember("intake")).isTrue();
                        assertThat(readiness.isMember("readinessState")).isTrue();
                    }
                });
    }

    @Test
    void theIntakeHealthIndicatorAndTheApiDocsAreThere() {
        runner.run(context -> assertThat(context).hasBean("intakeHealthIndicator").hasSingleBean(IntakeApiExample.class)
                .hasSingleBean(IntakeWarmUp.class));
    }
}
