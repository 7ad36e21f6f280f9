package org.example.intake.web.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RuleSet;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.ExampleIntakes;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import ca.uhn.fhir.context.FhirContext;

class IntakeReadinessUnitTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void readinessIsDownBeforeTheWarmUpStarts() {
        IntakeWarmUp warmUp = new IntakeWarmUp(Map::of);

        Health health = new IntakeReadinessIndicator(warmUp).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("warmUp", "pending");
    }

    @Test
    void readinessIsDownWhileTheWarmUpRuns_andUpWithItsDetailsOnceItIsDone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        IntakeWarmUp warmUp = new IntakeWarmUp(() -> {
            release.await(30, TimeUnit.SECONDS);
            return Map.of("ruleSet", "1.1.0");
        });
        IntakeReadinessIndicator readiness = new IntakeReadinessIndicator(warmUp);

        warmUp.start();
        Health whileWarming = readiness.health();
        release.countDown();
        await().atMost(PATIENCE).until(() -> readiness.health().getStatus().equals(Status.UP));

        assertThat(whileWarming.getStatus()).isEqualTo(Status.DOWN);
        assertThat(whileWarming.getDetails()).containsEntry("warmUp", "running");
        assertThat(readiness.health().getDetails()).containsEntry("warmUp", "done").containsEntry("ruleSet", "1.1.0")
                .containsKey("warmUpMillis");
    }

    @Test
    void aFailedWarmUpKeepsReadinessDown_namingTheErrorWithoutItsMessage() {
        IntakeWarmUp warmUp = new IntakeWarmUp(() -> {
            throw new IllegalStateException("anything the message might hold");
        });
        IntakeReadinessIndicator readiness = new IntakeReadinessIndicator(warmUp);

        warmUp.start();
        await().atMost(PATIENCE).until(() -> warmUp.state() == IntakeWarmUp.State.FAILED);

        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(readiness.health().getDetails()).containsEntry("warmUp", "failed")
                .containsEntry("error", IllegalStateException.class.getName());
        assertThat(readiness.health().getDetails().toString()).doesNotContain("anything the message might hold");
    }

    @Test
    void startingAgainDoesNotWarmTwice() {
        int[] runs = new int[1];
        IntakeWarmUp warmUp = new IntakeWarmUp(() -> {
            runs[0]++;
            return Map.of();
        });

        warmUp.start();
        await().atMost(PATIENCE).until(() -> warmUp.state() == IntakeWarmUp.State.DONE);
        warmUp.start();

        assertThat(warmUp.isRunning()).isTrue();
        assertThat(runs[0]).isEqualTo(1);
    }

    @Test
    void theRealWarmUpReadsAndTriagesTheExampleIntake_againstEveryQuestionnaireVersion() {
        IntakeWarmUp warmUp = IntakeWarmUp.of(ca.uhn.fhir.context.FhirContext.forR4Cached(), new IntakeReader(), new TriageEngine());

        warmUp.start();
        await().atMost(PATIENCE).until(() -> warmUp.state() != IntakeWarmUp.State.RUNNING);

        assertThat(warmUp.state()).isEqualTo(IntakeWarmUp.State.DONE);
        assertThat(warmUp.details()).containsEntry("fhirVersion", "4.0.1").containsEntry("ruleSet", RuleSet.VERSION);
        assertThat(warmUp.details().get("questionnaires")).asList().containsExactly(
                "http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.0.0",
                "http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.1.0",
                "http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.2.0");
    }

    @Test
    void theExampleIntakeIsAValidSelfCareIntake_withoutFreeTextSubjectOrTime() {
        IntakeReader reader = new IntakeReader();
        String json = FhirContext.forR4Cached().newJsonParser()
                .encodeResourceToString(ExampleIntakes.benign(reader.questionnaires().current()));

        IntakeReading reading = reader.read(json);

        assertThat(reading).isInstanceOf(IntakeReading.Accepted.class);
        assertThat(new TriageEngine().triage(((IntakeReading.Accepted) reading).answers()).level())
                .isEqualTo(Level.SELF_CARE);
        assertThat(json).doesNotContain("valueString", "subject", "authored", "\"notes\"");
    }
}
