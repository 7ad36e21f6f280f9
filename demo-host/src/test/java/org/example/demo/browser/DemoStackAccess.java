package org.example.demo.browser;

import org.example.intake.keycloak.KeycloakServer;

/**
 * The browser tests' stack ({@link DemoStack}: Keycloak and the EHR sandbox, started once per test
 * JVM), for tests in other packages that need the same real Keycloak and EHR, so one test JVM
 * starts each only once. Starts the stack on first use, like the browser tests do.
 */
public final class DemoStackAccess {

    private DemoStackAccess() {
    }

    /** The shared Keycloak server with the demo realm. */
    public static KeycloakServer keycloak() {
        return DemoStack.shared().keycloak;
    }

    /** The shared EHR sandbox's FHIR base URL, {@code http://localhost:<port>/fhir}. */
    public static String ehrBaseUrl() {
        return DemoStack.shared().ehrBaseUrl;
    }
}
