package org.example.intake.testsupport;

import java.time.Duration;

import org.example.intake.keycloak.KeycloakServer;

/**
 * The servers every stack test shares, started once per test JVM and stopped when it ends: the real Keycloak
 * with the demo realm ({@link KeycloakServer}) and the EHR sandbox as a process ({@link EhrSandboxProcess}).
 * Either may be one already running instead, named by a system property or environment variable
 * ({@value #KEYCLOAK_URL_PROPERTY}, {@value #EHR_URL_PROPERTY}), such as {@code ./intake demo}'s.
 * Applications under test ({@link AppProcess}) and databases (test-support-db's {@code PostgresSchema}) are each
 * test's own.
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

    /** System property, then environment variable: the base URL of a running Keycloak to use instead. */
    public static final String KEYCLOAK_URL_PROPERTY = "intake.keycloak.url";
    public static final String KEYCLOAK_URL_ENV = "INTAKE_KEYCLOAK_URL";
    /** System property, then environment variable: the FHIR base URL of a running EHR sandbox to use instead. */
    public static final String EHR_URL_PROPERTY = "ehr.sandbox.url";
    public static final String EHR_URL_ENV = "EHR_SANDBOX_URL";

    private static final SharedServer<KeycloakServer> KEYCLOAK = new SharedServer<>("Keycloak",
            KEYCLOAK_URL_PROPERTY, KEYCLOAK_URL_ENV, KeycloakServer::connect, KeycloakServer::startThrowaway,
            KeycloakServer::stop);
    private static final SharedServer<EhrSandboxProcess> EHR = new SharedServer<>("EHR sandbox",
            EHR_URL_PROPERTY, EHR_URL_ENV, EhrSandboxProcess::connect, EhrSandboxProcess::launch,
            EhrSandboxProcess::close);

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

    /** The JVM's Keycloak with the demo realm ({@link KeycloakServer#startThrowaway()}). */
    public static KeycloakServer keycloak() {
        return KEYCLOAK.get();
    }

    /** The JVM's EHR sandbox, once it answers. */
    public static EhrSandboxProcess ehrSandbox() {
        return EHR.get().awaitReady(EHR_START_PATIENCE);
    }
}
