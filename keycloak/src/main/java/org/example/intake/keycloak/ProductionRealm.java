package org.example.intake.keycloak;

/**
 * The realm file a deploying organisation starts from, {@value #RESOURCE}: the demo realm's name, roles, clients
 * and claims, without users or secrets, with {@code sslRequired: all}, exact https URIs on the placeholder origin
 * {@value #PLACEHOLDER_ORIGIN}, brute-force protection, a password policy, stored login and admin events, a one-time
 * code (TOTP) for clinicians and administrators, and no password grant (keycloak/README.md). No server started
 * by this module imports it; the tests import it through the admin REST API.
 */
public final class ProductionRealm {

    public static final String RESOURCE = "keycloak/production/intake-realm.json";

    /** The origin the deployer replaces by the web app's public one. */
    public static final String PLACEHOLDER_ORIGIN = "https://intake.example.org";

    /** The browser flow: user name and password, then a one-time code for clinicians and administrators. */
    public static final String BROWSER_FLOW = "browser with staff OTP";

    private ProductionRealm() {
    }
}
