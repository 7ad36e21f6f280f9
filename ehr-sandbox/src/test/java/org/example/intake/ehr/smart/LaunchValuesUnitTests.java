package org.example.intake.ehr.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class LaunchValuesUnitTests {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private final LaunchValues launches = new LaunchValues(SECRET, Duration.ofMinutes(5),
            Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC));

    @Test
    void aLaunchNamesItsPatientClientExpiryAndAUniqueId() {
        String launch = launches.issue("alex", "smart-test-app");

        String payload = new String(Base64.getUrlDecoder().decode(launch.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"patient\":\"alex\"", "\"aud\":\"smart-test-app\"", "\"exp\":1000300");
        assertThat(launches.issue("alex", "smart-test-app")).isNotEqualTo(launch);
    }

    @Test
    void onlyPlainIdsAndALongEnoughSecretAreTaken() {
        assertThatThrownBy(() -> launches.issue("alex\",\"aud\":\"x", "smart-test-app"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> launches.issue("alex", "a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LaunchValues("short", Duration.ofMinutes(5), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
