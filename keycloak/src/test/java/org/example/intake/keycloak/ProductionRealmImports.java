package org.example.intake.keycloak;

import java.util.Map;

/**
 * The production realm file imported into the test server through the admin REST API, once per server, beside the
 * demo realm: as {@value #AS_IS} exactly as the file is, and as {@value #OVER_HTTP} with nothing changed but
 * {@code sslRequired: external}, since the test server speaks plain http on localhost and the file requires https.
 */
final class ProductionRealmImports {

    static final String AS_IS = "intake-production";
    static final String OVER_HTTP = "intake-production-http";

    private ProductionRealmImports() {
    }

    /** The realm name of the file imported as is; imported on first use. */
    static synchronized String asIs(KeycloakServer keycloak) {
        return imported(keycloak, AS_IS, Map.of());
    }

    /** The realm name of the file imported with {@code sslRequired: external}; imported on first use. */
    static synchronized String overHttp(KeycloakServer keycloak) {
        return imported(keycloak, OVER_HTTP, Map.of("sslRequired", "external"));
    }

    private static String imported(KeycloakServer keycloak, String name, Map<String, Object> overrides) {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        if (admin.send("GET", "/" + name, null).statusCode() == 404) {
            admin.importRealm(ProductionRealm.RESOURCE, name, overrides);
        }
        return name;
    }
}
