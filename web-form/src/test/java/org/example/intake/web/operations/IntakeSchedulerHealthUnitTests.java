package org.example.intake.web.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.example.intake.web.delivery.IntakeScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class IntakeSchedulerHealthUnitTests {

    @ParameterizedTest
    @ValueSource(strings = { "paused", "stopping", "stopped" })
    void aSchedulerThatDoesNotRunJobsIsDown_sayingWhy(String state) {
        Health health = healthOf(new IntakeScheduler.Status(state, 0, 10, 0));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", state);
    }

    @Test
    void aRunningSchedulerIsUp_withWhatItRunsAndWhatIsStuck() {
        Health health = healthOf(new IntakeScheduler.Status("started", 3, 10, 1));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "started").containsEntry("executing", 3)
                .containsEntry("threads", 10).containsEntry("staleHeartbeats", 1);
    }

    private static Health healthOf(IntakeScheduler.Status status) {
        IntakeScheduler scheduler = mock(IntakeScheduler.class);
        when(scheduler.status()).thenReturn(status);
        return new IntakeSchedulerHealthIndicator(scheduler).health();
    }
}
