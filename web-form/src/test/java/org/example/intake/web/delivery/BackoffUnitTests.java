package org.example.intake.web.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BackoffUnitTests {

    private final Backoff noJitter = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), () -> 1.0);
    private final Backoff mostJitter = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), () -> 0.0);

    @Test
    void theWaitDoublesWithEachFailedAttempt() {
        assertThat(noJitter.after(1, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(noJitter.after(2, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(noJitter.after(3, Optional.empty())).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void jitterTakesTheWaitDownToHalfTheStepAtMost() {
        assertThat(mostJitter.after(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theWaitNeverExceedsTheCap_evenAfterManyAttempts() {
        assertThat(noJitter.after(40, Optional.empty())).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aRetryAfterLongerThanTheStepIsHonoured() {
        assertThat(mostJitter.after(1, Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterShorterThanTheStepDoesNotShortenIt() {
        assertThat(noJitter.after(3, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aRetryAfterBeyondTheCapIsCapped() {
        assertThat(noJitter.after(1, Optional.of(Duration.ofHours(3)))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aCapBelowTheFirstWaitIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), () -> 0.5));
    }
}
