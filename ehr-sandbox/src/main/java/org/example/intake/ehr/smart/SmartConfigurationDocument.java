package org.example.intake.ehr.smart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /fhir/.well-known/smart-configuration} (SMART App Launch 2.x): where the realm's endpoints
 * are, and what the sandbox supports.
 */
final class SmartConfigurationDocument {

    static final List<String> CAPABILITIES = List.of(
            "launch-ehr", "launch-standalone",
            "context-ehr-patient", "context-standalone-patient",
            "client-public", "client-confidential-symmetric",
            "sso-openid-connect",
            "permission-patient", "permission-user", "permission-v2");

    static final List<String> SCOPES = List.of(
            "openid", "fhirUser", "launch", "launch/patient", "offline_access",
            "patient/*.rs", "user/*.rs", "patient/QuestionnaireResponse.cu", "system/*.cruds");

    private SmartConfigurationDocument() {
    }

    static Map<String, Object> of(SmartSettings settings) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", settings.issuer().toString());
        document.put("jwks_uri", settings.oidcEndpoint("certs"));
        document.put("authorization_endpoint", settings.oidcEndpoint("auth"));
        document.put("token_endpoint", settings.oidcEndpoint("token"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("grant_types_supported", List.of("authorization_code", "client_credentials", "refresh_token"));
        document.put("scopes_supported", SCOPES);
        document.put("response_types_supported", List.of("code"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("introspection_endpoint", settings.oidcEndpoint("token/introspect"));
        document.put("revocation_endpoint", settings.oidcEndpoint("revoke"));
        document.put("capabilities", CAPABILITIES);
        return document;
    }
}
