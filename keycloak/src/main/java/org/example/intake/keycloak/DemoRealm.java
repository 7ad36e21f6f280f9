package org.example.intake.keycloak;

import java.util.List;

/**
 * The names in the demo realm file {@value #RESOURCE} (the README's "Keycloak" and demo logins), for code and tests that
 * talk to it. The secrets and passwords are throwaway demo values: the realm exists only on developer machines
 * and in tests, bound to localhost.
 */
public final class DemoRealm {

    /** Classpath resource of the realm file that every started server imports. */
    public static final String RESOURCE = "keycloak/intake-realm.json";

    public static final String NAME = "intake";

    /** Realm roles; Keycloak puts a user's realm roles in the access token's {@code realm_access.roles}. */
    public static final String ROLE_PATIENT = "patient";
    public static final String ROLE_CLINICIAN = "clinician";
    /** Reads the audit trail ({@code GET /api/audit}). */
    public static final String ROLE_ADMIN = "admin";

    /** Claim (access, ID and userinfo) and user attribute naming a patient's FHIR {@code Patient} id. */
    public static final String PATIENT_ID_CLAIM = "fhir_patient_id";

    /** Audience of every token the browser and CLI clients get: the intake REST API. */
    public static final String API_AUDIENCE = "intake-api";

    /**
     * Confidential browser client: authorization code flow with PKCE S256 required. Its redirect URIs are exactly
     * {@code http://localhost}{@value #REDIRECT_PATH} and {@code http://127.0.0.1}{@value #REDIRECT_PATH}, without a
     * port: Keycloak matches loopback redirect URIs on any port (the RFC 8252 loopback rule), so the web app on 8080,
     * 8081 or a test's random port may use them, with plain http, and nothing else.
     */
    public static final String WEB_CLIENT = "intake-web";
    public static final String WEB_CLIENT_SECRET = "intake-web-demo-secret";

    /** The web app's login callback path (web-form's registration {@code intake}), the only redirect path of {@value #WEB_CLIENT}. */
    public static final String REDIRECT_PATH = "/intake/login/oauth2/code/intake";

    /**
     * The paths {@value #WEB_CLIENT} may name as {@code post_logout_redirect_uri} after a logout: the patient's and the
     * clinician's landing pages, exactly (on {@code http://localhost} and {@code http://127.0.0.1}, any port).
     */
    public static final List<String> POST_LOGOUT_PATHS = List.of("/intake", "/clinician");

    /**
     * Where {@value #WEB_CLIENT} is sent logout tokens (OpenID Connect back-channel logout, with the Keycloak session
     * id) when a session ends in Keycloak: web-form's own endpoint. The demo realm names the demo host on
     * {@code http://localhost:8080}; a test whose app listens elsewhere sets the client's URL through the admin API.
     */
    public static final String BACK_CHANNEL_LOGOUT_PATH = "/intake/logout/back-channel";

    /** Brute-force protection: this many wrong passwords in a row lock the account for a while (not for good). */
    public static final int LOCKOUT_FAILURES = 5;

    /** Public client with direct access grants (password grant) only, for scripts and tests. */
    public static final String CLI_CLIENT = "intake-cli";

    /** Confidential client-credentials client (service account) for the intake app's writes to the EHR. */
    public static final String EHR_CLIENT = "intake-ehr";
    public static final String EHR_CLIENT_SECRET = "intake-ehr-demo-secret";
    /** Audience of the {@value #EHR_CLIENT} client's tokens: the EHR's FHIR API (ehr-sandbox in the demo). */
    public static final String EHR_AUDIENCE = "ehr-api";

    /** A demo user; the password equals the user name. {@code fhirPatientId} is null for all but patients. */
    public record User(String username, String role, String fhirPatientId) {

        public String password() {
            return username;
        }
    }

    public static final User ALEX = new User("alex", ROLE_PATIENT, "alex");
    public static final User CASEY = new User("casey", ROLE_PATIENT, "casey");
    public static final User DR_SAM = new User("dr-sam", ROLE_CLINICIAN, null);
    public static final User AUDITOR = new User("auditor", ROLE_ADMIN, null);

    public static final List<User> USERS = List.of(ALEX, CASEY, DR_SAM, AUDITOR);

    private DemoRealm() {
    }
}
