package org.example.intake.web.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * One delivery state: the API's four states, and the words the delivery history, the clinician's
 * page and the metrics keep for an attempt (the stored rows' {@code result} column, unchanged).
 */
class DeliveryStateUnitTests {

    @Test
    void theApiStatesAreTheFourItAlwaysHad() {
        assertThat(Arrays.stream(DeliveryState.values()).map(Enum::name))
                .containsExactly("PENDING", "DELIVERED", "RETRYING", "FAILED");
    }

    @Test
    void anAttemptIsKeptUnderTheWordsStoredRowsAlreadyHold() {
        assertThat(Arrays.stream(DeliveryState.values()).filter(DeliveryState::endsAnAttempt)
                .map(DeliveryState::attemptResult)).containsExactly("DELIVERED", "RETRY", "FAILED");
        for (DeliveryState state : DeliveryState.values()) {
            if (state.endsAnAttempt()) {
                assertThat(DeliveryState.ofAttemptResult(state.attemptResult())).isEqualTo(state);
            }
        }
        assertThatIllegalArgumentException().isThrownBy(() -> DeliveryState.ofAttemptResult("RETRYING"));
    }

    @Test
    void noAttemptLeavesADeliveryPending() {
        assertThatIllegalStateException().isThrownBy(DeliveryState.PENDING::attemptResult);
        assertThatIllegalArgumentException().isThrownBy(() -> new DeliveryAttempt("s-1", 0, 1, Instant.now(),
                DeliveryState.PENDING, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new DeliveryAttempted("s-1", 1, DeliveryState.PENDING,
                Duration.ZERO));
    }
}
