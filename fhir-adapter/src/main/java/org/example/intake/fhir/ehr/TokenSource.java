package org.example.intake.fhir.ehr;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.fhir.ehr.EhrSettings.ClientCredentials;

/**
 * Gets and caches an OAuth2 access token by the client-credentials grant, renewing it 30 s
 * before it expires. The client authenticates with HTTP Basic (client_secret_basic).
 * Thread-safe.
 */
final class TokenSource {

    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientCredentials credentials;
    private final HttpClient http;
    private final Duration readTimeout;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    TokenSource(ClientCredentials credentials, Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    /** A valid access token, fetched when there is none or it is about to expire. */
    synchronized String token() throws TokenException {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets the cached token (after the EHR refused it), so the next call fetches a new one. */
    synchronized void invalidate() {
        token = null;
    }

    private void fetch() throws TokenException {
        String form = "grant_type=client_credentials"
                + credentials.scope().map(scope -> "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)).orElse("");
        String basic = Base64.getEncoder().encodeToString((urlEncode(credentials.clientId()) + ":"
                + urlEncode(credentials.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(credentials.tokenEndpoint())
                .timeout(readTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenException(true, 0, "token endpoint unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException(true, 0, "interrupted while fetching a token");
        }
        int status = response.statusCode();
        if (status != 200) {
            boolean retryable = status == 429 || status >= 500;
            throw new TokenException(retryable, status, "token endpoint answered " + status);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            JsonNode accessToken = body.get("access_token");
            if (accessToken == null || !accessToken.isTextual()) {
                throw new TokenException(false, status, "token endpoint sent no access_token");
            }
            long expiresIn = body.path("expires_in").asLong(60);
            token = accessToken.asText();
            renewAt = clock.instant().plusSeconds(expiresIn).minus(RENEW_BEFORE);
        } catch (IOException e) {
            throw new TokenException(true, status, "token endpoint sent unreadable JSON");
        }
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** No token could be had. */
    static final class TokenException extends Exception {
        private final boolean retryable;
        private final int status;

        TokenException(boolean retryable, int status, String message) {
            super(message);
            this.retryable = retryable;
            this.status = status;
        }

        boolean retryable() {
            return retryable;
        }

        int status() {
            return status;
        }
    }
}
