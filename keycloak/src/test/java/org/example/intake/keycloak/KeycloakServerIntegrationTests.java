package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The run's throwaway server as started: reached, watched and logged. */
@ExtendWith(KeycloakExtension.class)
class KeycloakServerIntegrationTests {

    private static KeycloakServer atClassStart;

    @BeforeAll
    static void rememberTheServerOfTheClass(KeycloakServer server) {
        atClassStart = server;
    }

    @Test
    void theThrowawayServerIsStartedOnceForTheRunAndReusedByEveryCaller(KeycloakServer injected,
            @KeycloakExtension.KeycloakBaseUrl String baseUrl) {
        assertThat(injected).isSameAs(atClassStart);
        assertThat(injected.ownsProcess()).isTrue();
        assertThat(injected.dataDir()).hasValue(Path.of("target", "keycloak", "jvm-" + ProcessHandle.current().pid())
                .toAbsolutePath().normalize());
        assertThat(baseUrl).isEqualTo(injected.baseUrl()).matches("http://localhost:\\d+");
        assertThat(injected.startupTime()).hasValueSatisfying(t -> assertThat(t).isPositive());
    }

    @Test
    void itRunsAsAWatchdogShellOverKcShOverKeycloaksJvm(KeycloakServer keycloak) {
        List<String> commands = keycloak.processes().stream()
                .map(p -> p.info().commandLine().orElse(p.info().command().orElse("?")))
                .toList();

        assertThat(commands).anySatisfy(c -> assertThat(c).contains("keycloak-watchdog"));
        assertThat(commands).anySatisfy(c -> assertThat(c).contains("kc.sh", "start-dev", "--import-realm"));
        assertThat(commands).anySatisfy(c -> assertThat(c).contains("java", "io.quarkus.bootstrap.runner"));
    }

    @Test
    void healthIsReadyOnAManagementPortOfItsOwnAndNotOnTheMainOne(KeycloakServer keycloak) throws Exception {
        String management = keycloak.managementUrl().orElseThrow();

        HttpResponse<String> ready = Oidc.get(Oidc.http(), management + "/health/ready");
        HttpResponse<String> onMainPort = Oidc.get(Oidc.http(), keycloak.baseUrl() + "/health/ready");

        assertThat(management).matches("http://localhost:\\d+").isNotEqualTo(keycloak.baseUrl());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"UP\"");
        assertThat(onMainPort.statusCode()).isEqualTo(404);
    }

    @Test
    void itListensOnLoopbackOnly(KeycloakServer keycloak) throws Exception {
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeThat(external).as("a non-loopback IPv4 address on this machine").isPresent();

        for (int port : List.of(keycloak.port(), Integer.parseInt(keycloak.managementUrl().orElseThrow()
                .replaceAll(".*:", "")))) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(external.get(), port), 2000);
                }
            }).as("port %d on %s", port, external.get()).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void itsLogGoesToAFileUnderTargetAndNotToTheTestOutput(KeycloakServer keycloak) throws Exception {
        Path log = keycloak.logFile().orElseThrow();

        assertThat(log.toAbsolutePath().toString()).contains("/target/keycloak/");
        assertThat(Files.readString(log)).contains("Keycloak 26.5.6", "Realm 'intake' imported",
                "Listening on: http://127.0.0.1:" + keycloak.port());
    }
}
