package org.example.intake.keycloak.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class LaunchValueUnitTests {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final long NOW = 1_000_000;

    @Test
    void aValueSignedWithTheKeyAndUnexpiredNamesItsPatientClientAndId() {
        String value = signed(SECRET, "{\"alg\":\"HS256\"}", "{\"patient\":\"casey\",\"aud\":\"smart-test-app\","
                + "\"exp\":1000001,\"jti\":\"j1\"}");

        assertThat(LaunchValue.verify(value, SECRET, NOW))
                .contains(new LaunchValue("casey", "smart-test-app", 1_000_001, "j1"));
    }

    @Test
    void aValueExpiringNowIsRefused() {
        String value = signed(SECRET, "{\"alg\":\"HS256\"}", "{\"patient\":\"casey\",\"aud\":\"smart-test-app\","
                + "\"exp\":1000000,\"jti\":\"j1\"}");

        assertThat(LaunchValue.verify(value, SECRET, NOW)).isEmpty();
    }

    @Test
    void anotherKeyAnotherAlgorithmAChangedPayloadOrMissingClaimsAreRefused() {
        String payload = "{\"patient\":\"casey\",\"aud\":\"smart-test-app\",\"exp\":1000001,\"jti\":\"j1\"}";
        String good = signed(SECRET, "{\"alg\":\"HS256\"}", payload);
        String[] parts = good.split("\\.");
        String changed = parts[0] + "." + base64(payload.replace("casey", "alex--")) + "." + parts[2];

        assertThat(LaunchValue.verify(signed("another-key-0123456789abcdef-0123", "{\"alg\":\"HS256\"}", payload),
                SECRET, NOW)).isEmpty();
        assertThat(LaunchValue.verify(signed(SECRET, "{\"alg\":\"none\"}", payload), SECRET, NOW)).isEmpty();
        assertThat(LaunchValue.verify(changed, SECRET, NOW)).isEmpty();
        assertThat(LaunchValue.verify(signed(SECRET, "{\"alg\":\"HS256\"}", "{\"patient\":\"casey\",\"exp\":1000001,"
                + "\"jti\":\"j1\"}"), SECRET, NOW)).isEmpty();
        assertThat(LaunchValue.verify("not.a-launch", SECRET, NOW)).isEmpty();
        assertThat(LaunchValue.verify(good, "short", NOW)).isEmpty();
    }

    private static String signed(String key, String header, String payload) {
        try {
            String input = base64(header) + "." + base64(payload);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
