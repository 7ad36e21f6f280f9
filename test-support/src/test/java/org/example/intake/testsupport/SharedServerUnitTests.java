package org.example.intake.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SharedServerUnitTests {

    private final AtomicInteger starts = new AtomicInteger();
    private final List<String> connected = new ArrayList<>();

    @Test
    void theServerIsStartedOnceAndTheSameOneReturnedAfterwards() {
        SharedServer<String> server = new SharedServer<>("test server", () -> "server " + starts.incrementAndGet(),
                started -> { });

        assertThat(server.get()).isEqualTo("server 1");
        assertThat(server.get()).isEqualTo("server 1");
        assertThat(starts).hasValue(1);
    }

    @Test
    void aFailedStartIsNotTriedAgain_everyLaterCallFailsWithTheFirstFailureAsItsCause() {
        IllegalStateException failure = new IllegalStateException("port taken");
        SharedServer<String> server = new SharedServer<>("test server", () -> {
            starts.incrementAndGet();
            throw failure;
        }, started -> { });

        assertThatThrownBy(server::get).isSameAs(failure);
        assertThatThrownBy(server::get).hasMessage("The shared test server failed to start (see the cause)")
                .hasCause(failure);
        assertThat(starts).hasValue(1);
    }

    @Test
    void aUrlInTheSystemPropertyIsConnectedToInsteadOfStartingOne() {
        System.setProperty("test-support.test-server.url", " http://localhost:9999 ");
        try {
            SharedServer<String> server = new SharedServer<>("test server", "test-support.test-server.url",
                    "TEST_SUPPORT_NO_SUCH_VARIABLE", url -> {
                        connected.add(url);
                        return "reached " + url;
                    }, () -> "server " + starts.incrementAndGet(), started -> { });

            assertThat(server.get()).isEqualTo("reached http://localhost:9999");
            assertThat(starts).hasValue(0);
        } finally {
            System.clearProperty("test-support.test-server.url");
        }
    }
}
