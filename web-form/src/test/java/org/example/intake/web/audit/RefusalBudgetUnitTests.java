package org.example.intake.web.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RefusalBudgetUnitTests {

    private Instant now = Instant.parse("2026-12-04T10:00:00Z");
    private final Clock clock = mock(Clock.class, invocation -> invocation.getMethod().getName().equals("millis")
            ? now.toEpochMilli() : now);
    private final RefusalBudget budget = new RefusalBudget(clock, 3, 2, 4, 100);

    @Test
    void aSignedInCaller_isRecordedUpToTheLimitInAMinute_andTheNextOneIsCountedNotRecorded() {
        assertThat(IntStream.range(0, 3).mapToObj(i -> budget.take("sub-1", true).record())).containsOnly(true);

        assertThat(budget.take("sub-1", true).record()).isFalse();
        assertThat(budget.take("sub-2", true).record()).isTrue();
    }

    @Test
    void theNextMinute_recordsAgain_andSaysHowManyWereCountedNotRecorded() {
        IntStream.range(0, 5).forEach(i -> budget.take("sub-1", true));

        now = now.plus(Duration.ofMinutes(1));
        RefusalBudget.Decision next = budget.take("sub-1", true);

        assertThat(next.record()).isTrue();
        assertThat(next.notRecordedBefore()).isEqualTo(2);
        assertThat(budget.take("sub-1", true).notRecordedBefore()).isZero();
    }

    @Test
    void anAnonymousAddress_hasItsOwnSmallerLimit_andAllAnonymousCallersTogetherOneMore() {
        assertThat(budget.take("203.0.113.1", false).record()).isTrue();
        assertThat(budget.take("203.0.113.1", false).record()).isTrue();
        assertThat(budget.take("203.0.113.1", false).record()).isFalse();
        assertThat(budget.take("203.0.113.2", false).record()).isTrue();
        assertThat(budget.take("203.0.113.3", false).record()).isTrue();

        assertThat(budget.take("203.0.113.4", false).record()).as("five anonymous in a minute, over the four").isFalse();
        assertThat(budget.take("sub-1", true).record()).as("signed-in callers have their own limits").isTrue();
    }

    @Test
    void aFloodFromEverChangingAddresses_recordsNoMoreThanTheAnonymousLimitAMinute() {
        long recorded = IntStream.range(0, 10_000)
                .filter(i -> budget.take("2001:db8::" + Integer.toHexString(i), false).record()).count();

        assertThat(recorded).isEqualTo(4);
    }
}
