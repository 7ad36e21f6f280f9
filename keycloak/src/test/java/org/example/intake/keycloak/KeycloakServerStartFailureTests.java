package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a start fails, with a stand-in {@code kc.sh} instead of Keycloak (the real one ignores TERM until it
 * has booted, so each of these would cost a full start): the message, the log tail, and no process left.
 */
class KeycloakServerStartFailureTests {

    /** Like kc.sh: runs the server as a child, forwards TERM to it; the child never answers HTTP. */
    private static final String NEVER_READY = """
            #!/bin/sh
            echo "stand-in keycloak starting: $*"
            trap 'kill -TERM $PID; wait $PID' TERM INT
            sleep 86399 &
            PID=$!
            wait $PID
            """;

    private static final String EXITS_EARLY = """
            #!/bin/sh
            echo "stand-in keycloak: ERROR: Port already bound"
            exit 3
            """;

    @TempDir
    Path tmp;

    private Path distDir;

    @BeforeEach
    void standInDistribution() throws IOException {
        distDir = tmp.resolve("dist");
        for (String sub : KeycloakHome.LINKED) {
            Files.createDirectories(distDir.resolve(sub));
        }
        Files.createDirectories(distDir.resolve("bin"));
        Files.writeString(distDir.resolve("lib/quarkus-run.jar"), "jar");
    }

    @Test
    void aStartThatIsNotReadyInTimeFailsWithItsLogTailAndLeavesNoProcessBehind() throws IOException {
        KeycloakDist dist = dist(NEVER_READY);
        Path home = tmp.resolve("home");
        Instant started = Instant.now();

        assertThatThrownBy(() -> KeycloakServer.start(dist, 0, 0, home, Duration.ofSeconds(2), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not become ready within 2 s")
                .hasMessageContaining("Last lines of " + home.resolve("keycloak.log"))
                .hasMessageContaining("stand-in keycloak starting: start-dev --import-realm --http-host=127.0.0.1");

        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("86399")))
                .as("processes of the stand-in server").isEmpty();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(home.toString())))
                .as("processes started from %s", home).isEmpty();
    }

    @Test
    void aServerThatExitsBeforeItIsReadyFailsAtOnceWithItsStatusAndLog() throws IOException {
        KeycloakDist dist = dist(EXITS_EARLY);
        Path home = tmp.resolve("home");

        assertThatThrownBy(() -> KeycloakServer.start(dist, 0, 0, home, Duration.ofMinutes(1), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with status 3 before it was ready")
                .hasMessageContaining("ERROR: Port already bound");
    }

    @Test
    void aStartOnATakenPortFailsAtOnceNamingThePortAndRunsNothing() throws IOException {
        KeycloakDist dist = dist(NEVER_READY);
        Path home = tmp.resolve("home");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> KeycloakServer.start(dist, port, 0, home, Duration.ofMinutes(1), false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HTTP port " + port)
                    .hasMessageContaining("in use");
        }
        assertThat(home.resolve("keycloak.log")).doesNotExist();
    }

    @Test
    void theSamePortForHttpAndManagementIsRefused() throws IOException {
        KeycloakDist dist = dist(NEVER_READY);

        assertThatThrownBy(() -> KeycloakServer.start(dist, 45123, 45123, tmp.resolve("home"),
                Duration.ofMinutes(1), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
    }

    private KeycloakDist dist(String kcSh) throws IOException {
        Files.writeString(distDir.resolve("bin/kc.sh"), kcSh);
        return new KeycloakDist(distDir, "stand-in");
    }
}
