package org.example.intake.web.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
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
    void theIntakeHealthIndicatorIsThere() {
        runner.run(context -> assertThat(context).hasBean("intakeHealthIndicator")
                .hasSingleBean(IntakeWarmUp.class));
    }
}
