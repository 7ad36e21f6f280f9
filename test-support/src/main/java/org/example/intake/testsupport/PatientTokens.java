package org.example.intake.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.keycloak.DemoRealm;

/**
 * Real access tokens from Keycloak for the demo users: the password grant of the scripts' client
 * {@value DemoRealm#CLI_CLIENT} (audience {@code intake-api}, realm roles, {@code fhir_patient_id}).
 */
public final class PatientTokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PatientTokens() {
    }

    /**
     * A fresh access token for this user (Keycloak's default lifetime: 5 minutes).
     *
     * @throws IllegalStateException when Keycloak does not answer 200 with an access token
     */
    public static String accessToken(String tokenUri, DemoRealm.User user) {
        String form = Map.of("grant_type", "password", "client_id", DemoRealm.CLI_CLIENT, "username", user.username(),
                        "password", user.password()).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenUri))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode token = response.statusCode() == 200 ? JSON.readTree(response.body()).get("access_token") : null;
            if (token == null || token.asText().isEmpty()) {
                throw new IllegalStateException("no token for " + user.username() + " from " + tokenUri + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return token.asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + tokenUri + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
