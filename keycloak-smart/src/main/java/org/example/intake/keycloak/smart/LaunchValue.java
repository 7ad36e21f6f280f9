package org.example.intake.keycloak.smart;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An EHR launch value as the EHR sandbox issues it: a compact JWS (HS256) over {@code patient}, {@code aud} (the
 * client it is for), {@code exp} (epoch seconds) and {@code jti}. Checking it here is pure; using it once is the
 * caller's part.
 *
 * @param patient the FHIR id of the launch's patient
 * @param client  the client id the launch was issued to
 * @param expiresAt epoch seconds
 * @param id      the launch's unique id
 */
record LaunchValue(String patient, String client, long expiresAt, String id) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The launch {@code value} names, if it is signed with {@code secret}, well formed and not expired at
     * {@code nowEpochSeconds}; empty otherwise.
     */
    static Optional<LaunchValue> verify(String value, String secret, long nowEpochSeconds) {
        if (value == null || secret == null || secret.length() < 32 || value.length() > 2000) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            byte[] expected = hmac(secret, parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            LaunchValue launch = new LaunchValue(claims.path("patient").asText(""), claims.path("aud").asText(""),
                    claims.path("exp").asLong(0), claims.path("jti").asText(""));
            if (launch.patient().isEmpty() || launch.client().isEmpty() || launch.id().isEmpty()
                    || launch.expiresAt() <= nowEpochSeconds) {
                return Optional.empty();
            }
            return Optional.of(launch);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(String secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
