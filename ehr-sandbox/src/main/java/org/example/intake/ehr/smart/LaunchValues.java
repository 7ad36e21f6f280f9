package org.example.intake.ehr.smart;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues EHR launch values: a compact JWS (HS256) over {@code {"patient", "aud", "exp", "jti"}} with the key shared
 * with Keycloak's SMART extension, which checks the signature, the client ({@code aud}) and the expiry, and uses the
 * {@code jti} once. The sandbox keeps no state for a launch.
 */
public final class LaunchValues {

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_\\-.]{1,64}");
    private static final String HEADER = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LaunchValues(String secret, Duration lifetime, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("a launch secret needs at least 32 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A launch value for {@code patient} (a FHIR id) that only {@code clientId} may use, once, within the lifetime.
     *
     * @throws IllegalArgumentException if either is not a plain id
     */
    public String issue(String patient, String clientId) {
        if (patient == null || !FHIR_ID.matcher(patient).matches()) {
            throw new IllegalArgumentException("not a FHIR id: patient");
        }
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("not a client id");
        }
        byte[] jti = new byte[16];
        random.nextBytes(jti);
        long exp = clock.instant().plus(lifetime).getEpochSecond();
        String payload = "{\"patient\":\"" + patient + "\",\"aud\":\"" + clientId + "\",\"exp\":" + exp
                + ",\"jti\":\"" + HexFormat.of().formatHex(jti) + "\"}";
        String signingInput = HEADER + "." + base64(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + base64(hmac(signingInput));
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
