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
import org.example.intake.web.submission.IntakeSubmitted;
import org.example.intake.web.submission.SubmissionStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The operations feature on its own, without a web server: what it needs of a host, and what it leaves to it. */
class OperationsConfigurationTests {

    private static final String READINESS_MEMBERS = "management.endpoint.health.group.readiness.include";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(OperationsConfiguration.class)
            .withBean(IntakeReader.class, IntakeReader::new)
            .withBean(TriageEngine.class, TriageEngine::new)
            .withBean(SubmissionStore.class, () -> mock(SubmissionStore.class));

    @Test
    void aHostWithoutAMeterRegistryStillTakesTheEvents_theMetersGoNowhere() {
        runner.run(context -> {
            context.publishEvent(new IntakeSubmitted(IntakeSubmitted.Outcome.ACCEPTED, Level.SOON, "s-1"));
            context.publishEvent(new DeliveryAttempted("s-1", 1, DeliveryAttempted.Result.DELIVERED, Duration.ZERO));

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
    void theReadinessGroupIncludesTheIntakeByDefault() {
        runner.run(context -> assertThat(context.getEnvironment().getProperty(READINESS_MEMBERS))
                .isEqualTo("readinessState,intake"));
    }

    @Test
    void aHostThatNamesTheReadinessGroupsMembersKeepsItsOwn() {
        runner.withPropertyValues(READINESS_MEMBERS + "=readinessState,db").run(context ->
                assertThat(context.getEnvironment().getProperty(READINESS_MEMBERS)).isEqualTo("readinessState,db"));
    }

    @Test
    void theIntakeHealthIndicatorAndTheApiDocsAreThere() {
        runner.run(context -> assertThat(context).hasBean("intakeHealthIndicator").hasSingleBean(IntakeApiDocs.class)
                .hasSingleBean(IntakeWarmUp.class));
    }
}
