package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo realm as the real server serves it: users, roles, claims, audiences and clients. */
@ExtendWith(KeycloakExtension.class)
class DemoRealmIntegrationTests {

    @Test
    void alexsPasswordGrantGivesAnAccessTokenForTheIntakeApiNamingPatientAlex(KeycloakServer keycloak)
            throws Exception {
        HttpResponse<String> response = Oidc.passwordGrant(keycloak, "alex", "alex");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode claims = Oidc.claims(Oidc.json(response.body()).get("access_token").asText());
        assertThat(claims.get("iss").asText()).isEqualTo("http://localhost:" + keycloak.port() + "/realms/intake");
        assertThat(texts(claims.get("aud"))).contains(DemoRealm.API_AUDIENCE);
        assertThat(claims.get("fhir_patient_id").asText()).isEqualTo("alex");
        assertThat(texts(claims.at("/realm_access/roles"))).contains("patient").doesNotContain("clinician");
        assertThat(claims.get("azp").asText()).isEqualTo(DemoRealm.CLI_CLIENT);
        assertThat(claims.get("preferred_username").asText()).isEqualTo("alex");
    }

    @Test
    void caseysAccessTokenNamesPatientCasey(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> response = Oidc.passwordGrant(keycloak, "casey", "casey");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode claims = Oidc.claims(Oidc.json(response.body()).get("access_token").asText());
        assertThat(claims.get("fhir_patient_id").asText()).isEqualTo("casey");
        assertThat(texts(claims.get("aud"))).contains(DemoRealm.API_AUDIENCE);
        assertThat(texts(claims.at("/realm_access/roles"))).contains("patient").doesNotContain("clinician");
    }

    @Test
    void drSamsAccessTokenCarriesTheClinicianRoleAndNoPatientId(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> response = Oidc.passwordGrant(keycloak, "dr-sam", "dr-sam");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode claims = Oidc.claims(Oidc.json(response.body()).get("access_token").asText());
        assertThat(texts(claims.at("/realm_access/roles"))).contains("clinician").doesNotContain("patient");
        assertThat(claims.has("fhir_patient_id")).isFalse();
        assertThat(texts(claims.get("aud"))).contains(DemoRealm.API_AUDIENCE);
    }

    @Test
    void theIdTokenNamesThePatientToo(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> response = Oidc.passwordGrant(keycloak, "alex", "alex");

        JsonNode idToken = Oidc.claims(Oidc.json(response.body()).get("id_token").asText());
        assertThat(idToken.get("fhir_patient_id").asText()).isEqualTo("alex");
        assertThat(idToken.get("email").asText()).isEqualTo("alex@example.org");
        assertThat(idToken.get("email_verified").asBoolean()).isTrue();
    }

    @Test
    void aWrongPasswordIsRefusedAsAnInvalidGrant(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> response = Oidc.passwordGrant(keycloak, "alex", "casey");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Oidc.json(response.body()).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void anUnknownUserIsRefusedTheSameWay(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> response = Oidc.passwordGrant(keycloak, "mallory", "mallory");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Oidc.json(response.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void theEhrClientsCredentialsGiveAServiceTokenForTheEhrButNotForTheIntakeApi(KeycloakServer keycloak)
            throws Exception {
        HttpResponse<String> response = Oidc.postForm(Oidc.http(), keycloak.tokenUri(),
                Map.of("grant_type", "client_credentials"), DemoRealm.EHR_CLIENT, DemoRealm.EHR_CLIENT_SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode claims = Oidc.claims(Oidc.json(response.body()).get("access_token").asText());
        assertThat(claims.get("azp").asText()).isEqualTo(DemoRealm.EHR_CLIENT);
        assertThat(texts(claims.get("aud"))).contains(DemoRealm.EHR_AUDIENCE).doesNotContain(DemoRealm.API_AUDIENCE);
        assertThat(claims.has("fhir_patient_id")).isFalse();
        assertThat(texts(claims.at("/realm_access/roles"))).doesNotContain("patient", "clinician");
        assertThat(claims.get("iss").asText()).isEqualTo(keycloak.issuerUri());
    }

    @Test
    void theEhrClientWithAWrongSecretIsRefused(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> response = Oidc.postForm(Oidc.http(), keycloak.tokenUri(),
                Map.of("grant_type", "client_credentials"), DemoRealm.EHR_CLIENT, "not-the-secret");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Oidc.json(response.body()).get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void theBrowserClientMayNotUseThePasswordGrant(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> response = Oidc.postForm(Oidc.http(), keycloak.tokenUri(), Map.of(
                "grant_type", "password", "username", "alex", "password", "alex"),
                DemoRealm.WEB_CLIENT, DemoRealm.WEB_CLIENT_SECRET);

        assertThat(response.statusCode()).isBetween(400, 401);
        assertThat(Oidc.json(response.body()).get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void theOpenidConfigurationIsServedWithTheLocalhostIssuerAndS256(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> response = Oidc.get(Oidc.http(), keycloak.openidConfigurationUri());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode configuration = Oidc.json(response.body());
        assertThat(configuration.get("issuer").asText()).isEqualTo(keycloak.issuerUri())
                .isEqualTo(keycloak.baseUrl() + "/realms/intake");
        assertThat(configuration.get("token_endpoint").asText()).isEqualTo(keycloak.tokenUri());
        assertThat(configuration.get("jwks_uri").asText()).startsWith(keycloak.issuerUri());
        assertThat(texts(configuration.get("code_challenge_methods_supported"))).contains("S256");
    }

    @Test
    void theIssuerStaysLocalhostWhenTheServerIsReachedAs127001(KeycloakServer keycloak) throws Exception {
        HttpResponse<String> response = Oidc.get(Oidc.http(),
                "http://127.0.0.1:" + keycloak.port() + "/realms/intake/.well-known/openid-configuration");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Oidc.json(response.body()).get("issuer").asText()).isEqualTo(keycloak.issuerUri());
    }

    @Test
    void accessTokensAreSignedByAKeyOfTheRealmsJwksAndATamperedOneIsNot(KeycloakServer keycloak) throws Exception {
        String token = Oidc.json(Oidc.passwordGrant(keycloak, "alex", "alex").body()).get("access_token").asText();
        JsonNode configuration = Oidc.json(Oidc.get(Oidc.http(), keycloak.openidConfigurationUri()).body());
        JsonNode jwks = Oidc.json(Oidc.get(Oidc.http(), configuration.get("jwks_uri").asText()).body());
        String kid = Oidc.header(token).get("kid").asText();
        JsonNode key = null;
        for (JsonNode candidate : jwks.get("keys")) {
            if (kid.equals(candidate.path("kid").asText())) {
                key = candidate;
            }
        }
        String[] parts = token.split("\\.");
        ObjectNode forged = (ObjectNode) Oidc.claims(token);
        forged.put("fhir_patient_id", "casey");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(Oidc.JSON.writeValueAsBytes(forged))
                + "." + parts[2];

        assertThat(Oidc.header(token).get("alg").asText()).isEqualTo("RS256");
        assertThat(key).as("a JWKS key with kid %s", kid).isNotNull();
        assertThat(Oidc.rs256Verifies(token, key)).isTrue();
        assertThat(Oidc.rs256Verifies(tampered, key)).isFalse();
    }

    @Test
    void aPatientMaySaveTheirProfileButNotChangeTheirOwnFhirPatientId(KeycloakServer keycloak) throws Exception {
        String token = Oidc.json(Oidc.passwordGrant(keycloak, "alex", "alex").body()).get("access_token").asText();
        String account = keycloak.issuerUri() + "/account/";
        HttpClient http = Oidc.http();
        ObjectNode profile = (ObjectNode) Oidc.json(http.send(HttpRequest.newBuilder(URI.create(account))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).body());
        profile.remove("userProfileMetadata");
        ObjectNode changed = profile.deepCopy();
        changed.withObjectProperty("attributes").putArray("fhir_patient_id").add("casey");

        int unchanged = postAccount(http, account, token, profile).statusCode();
        HttpResponse<String> refused = postAccount(http, account, token, changed);

        assertThat(unchanged).isEqualTo(204);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("fhir_patient_id", "error-user-attribute-read-only");
        assertThat(Oidc.claims(Oidc.json(Oidc.passwordGrant(keycloak, "alex", "alex").body())
                .get("access_token").asText()).get("fhir_patient_id").asText()).isEqualTo("alex");
    }

    private static HttpResponse<String> postAccount(HttpClient http, String account, String token, JsonNode body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(account))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Oidc.JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node == null || node.isMissingNode()) {
            return texts;
        }
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else {
            texts.add(node.asText());
        }
        return texts;
    }
}
