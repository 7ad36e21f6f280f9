package org.example.intake.web.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.example.intake.core.triage.Level;
import org.example.intake.web.intake.IntakeSubmitted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue's event hub keeps track of open streams and lets them all go on shutdown. */
class QueueUpdatesUnitTests {

    private final QueueUpdates updates = new QueueUpdates(Duration.ofMinutes(1), Duration.ofMinutes(5));

    @AfterEach
    void stop() {
        updates.destroy();
    }

    @Test
    void openStreamsAreCountedAndAllEndedTogether() {
        updates.open();
        updates.open();
        assertThat(updates.listeners()).isEqualTo(2);

        updates.on(new IntakeSubmitted(IntakeSubmitted.Outcome.ACCEPTED, Level.EMERGENCY, "s-1"));

        assertThat(updates.disconnectAll()).isEqualTo(2);
        assertThat(updates.listeners()).isZero();
        assertThat(updates.disconnectAll()).isZero();
    }
}
