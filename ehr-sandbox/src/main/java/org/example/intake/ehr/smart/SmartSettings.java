package org.example.intake.ehr.smart;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox's SMART App Launch settings ({@code ehr.smart.*}).
 *
 * @param issuer        the Keycloak realm that issues the tokens the sandbox accepts, e.g.
 *                      {@code http://localhost:8180/realms/intake}; its endpoints follow Keycloak's layout
 * @param enforce       true: every FHIR request but {@code /metadata} needs a token of {@code issuer} with
 *                      {@code audience}, and its SMART scopes decide what it may do; false: the FHIR API is open
 *                      (the default, for the tests that talk to the sandbox without tokens)
 * @param audience      the audience a token must carry to be accepted
 * @param launchSecret  the HMAC key (at least 32 bytes) shared with Keycloak's SMART extension, which signs and
 *                      checks EHR launch values
 * @param launchLifetime how long an EHR launch value may be used (once) after it is issued
 * @param appLaunchUrl  the app's launch URL the EHR launcher sends the browser to
 * @param launchClient  the client id an EHR launch is issued for unless the request names another
 */
@ConfigurationProperties("ehr.smart")
public record SmartSettings(
        @DefaultValue("http://localhost:8180/realms/intake") URI issuer,
        @DefaultValue("false") boolean enforce,
        @DefaultValue("ehr-api") String audience,
        String launchSecret,
        @DefaultValue("5m") Duration launchLifetime,
        @DefaultValue("http://localhost:8080/intake/smart/launch") URI appLaunchUrl,
        @DefaultValue("intake-web") String launchClient) {

    public SmartSettings {
        Objects.requireNonNull(issuer, "ehr.smart.issuer");
        String base = issuer.toString();
        if (base.endsWith("/")) {
            issuer = URI.create(base.substring(0, base.length() - 1));
        }
        if (launchSecret != null && launchSecret.length() < 32) {
            throw new IllegalArgumentException("ehr.smart.launch-secret must have at least 32 characters");
        }
    }

    /** Keycloak's OpenID Connect endpoint {@code name} of the realm, e.g. {@code token}. */
    String oidcEndpoint(String name) {
        return issuer + "/protocol/openid-connect/" + name;
    }
}
