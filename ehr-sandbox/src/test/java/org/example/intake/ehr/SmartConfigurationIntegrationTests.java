package org.example.intake.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@ExtendWith(EhrSandboxExtension.class)
class SmartConfigurationIntegrationTests {

    @Test
    void theSmartConfigurationAnswersWithoutATokenNamingTheDemoRealmsEndpoints(
            @EhrSandboxExtension.EhrBaseUrl String baseUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/.well-known/smart-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode document = new ObjectMapper().readTree(response.body());
        String realm = "http://localhost:8180/realms/intake";
        assertThat(document.path("issuer").asText()).isEqualTo(realm);
        assertThat(document.path("authorization_endpoint").asText()).isEqualTo(realm + "/protocol/openid-connect/auth");
        assertThat(document.path("token_endpoint").asText()).isEqualTo(realm + "/protocol/openid-connect/token");
        assertThat(document.path("jwks_uri").asText()).isEqualTo(realm + "/protocol/openid-connect/certs");
        assertThat(texts(document.path("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(texts(document.path("grant_types_supported"))).contains("authorization_code", "client_credentials");
        assertThat(texts(document.path("response_types_supported"))).containsExactly("code");
        assertThat(texts(document.path("scopes_supported"))).contains("launch", "launch/patient", "openid",
                "fhirUser", "patient/*.rs", "user/*.rs", "patient/QuestionnaireResponse.cu", "system/*.cruds");
        assertThat(texts(document.path("capabilities"))).containsExactlyInAnyOrder("launch-ehr", "launch-standalone",
                "context-ehr-patient", "context-standalone-patient", "client-public", "client-confidential-symmetric",
                "sso-openid-connect", "permission-patient", "permission-user", "permission-v2");
    }

    @Test
    void withoutEnforcementTheFhirApiStaysOpen(@EhrSandboxExtension.EhrBaseUrl String baseUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/Patient/alex")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
