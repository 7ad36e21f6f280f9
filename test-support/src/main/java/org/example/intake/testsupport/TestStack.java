package org.example.intake.testsupport;

import java.time.Duration;

import org.example.intake.keycloak.KeycloakServer;

/**
 * The servers every stack test shares, started once per test JVM and stopped when it ends: the real Keycloak
 * with the demo realm ({@link KeycloakServer}) and the EHR sandbox as a process ({@link EhrSandboxProcess}).
 * Applications under test ({@link AppProcess}) and databases ({@link PostgresSchema}) are each test's own.
 *
 * <pre>{@code
 * TestStack.start();                                    // both at once, the first time
 * KeycloakServer keycloak = TestStack.keycloak();
 * String ehr = TestStack.ehrSandbox().baseUrl();
 * }</pre>
 */
public final class TestStack {

    /** How long the sandbox may take to answer (HAPI's JPA server boots in 20-90 s on a small busy machine). */
    public static final Duration EHR_START_PATIENCE = Duration.ofMinutes(4);

    private static final SharedServer<EhrSandboxProcess> EHR = new SharedServer<>("EHR sandbox",
            EhrSandboxProcess::launch, EhrSandboxProcess::close);

    private TestStack() {
    }

    /**
     * Starts both (or finds them started): the sandbox is launched first, so that it boots while Keycloak starts;
     * returns once both answer.
     */
    public static void start() {
        EHR.get();
        keycloak();
        ehrSandbox();
    }

    /** The JVM's Keycloak with the demo realm. */
    public static KeycloakServer keycloak() {
        return KeycloakServer.startShared();
    }

    /** The JVM's EHR sandbox, once it answers. */
    public static EhrSandboxProcess ehrSandbox() {
        return EHR.get().awaitReady(EHR_START_PATIENCE);
    }
}
