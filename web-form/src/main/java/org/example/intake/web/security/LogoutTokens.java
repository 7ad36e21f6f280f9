package org.example.intake.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.example.intake.web.IntakeProperties;
import org.springframework.security.oauth2.client.oidc.authentication.logout.LogoutTokenClaimNames;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Reads and checks a logout token as OpenID Connect Back-Channel Logout 1.0 (section 2.6) asks: signed by a key of
 * the issuer's JWK set, issued by the configured issuer, for the pages' client ({@code aud} holds the browser client
 * id), not expired ({@code exp}, when present, with a minute of clock skew), issued ({@code iat}) neither in the
 * future nor longer ago than {@link #MAX_AGE}, with an id ({@code jti}), the back-channel logout event in
 * {@code events}, a {@code sid} or a {@code sub} or both, and no {@code nonce} (so that no ID token passes for one).
 * Spring Security's own checks of these are internal to its fixed back-channel endpoint, so they are written out
 * here with its public claim names and token type. Thread-safe.
 */
final class LogoutTokens {

    /** The event a logout token announces. */
    static final String BACK_CHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** The oldest logout token taken: the issuer sends it at once; an older one could only be replayed. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final JwtDecoder decoder;

    LogoutTokens(IntakeProperties.Security security, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(security.jwkSetUriOrDefault().toString())
                // Keycloak's and other issuers' logout tokens may be typed logout+jwt; the claims below tell them apart
                .validateType(false)
                .build();
        JwtTimestampValidator expiry = new JwtTimestampValidator(SKEW);
        expiry.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtIssuerValidator(security.issuerUri().toString()), expiry,
                logoutTokenClaims(security.browserClientId(), clock)));
        this.decoder = decoder;
    }

    /**
     * The logout token, checked.
     *
     * @throws Refused naming what is wrong with it
     */
    OidcLogoutToken read(String token) {
        if (token == null || token.isBlank()) {
            throw new Refused("logout_token is missing");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtValidationException e) {
            throw new Refused(String.join("; ", e.getErrors().stream().map(OAuth2Error::getDescription).toList()));
        } catch (JwtException e) {
            throw new Refused("logout_token is not a JWT signed by the issuer: " + e.getMessage());
        }
        return OidcLogoutToken.withTokenValue(jwt.getTokenValue()).claims(claims -> claims.putAll(jwt.getClaims()))
                .build();
    }

    private static OAuth2TokenValidator<Jwt> logoutTokenClaims(String clientId, Clock clock) {
        return jwt -> {
            List<OAuth2Error> errors = new ArrayList<>();
            List<String> audience = jwt.getAudience();
            if (audience == null || !audience.contains(clientId)) {
                errors.add(invalid("aud must include the client " + clientId));
            }
            Instant issuedAt = jwt.getIssuedAt();
            Instant now = clock.instant();
            if (issuedAt == null) {
                errors.add(invalid("iat is missing"));
            } else if (issuedAt.isAfter(now.plus(SKEW)) || issuedAt.isBefore(now.minus(MAX_AGE))) {
                errors.add(invalid("iat is in the future or more than " + MAX_AGE.toMinutes() + " minutes ago"));
            }
            if (jwt.getId() == null) {
                errors.add(invalid("jti is missing"));
            }
            Object events = jwt.getClaims().get(LogoutTokenClaimNames.EVENTS);
            if (!(events instanceof Map<?, ?> map) || !(map.get(BACK_CHANNEL_LOGOUT_EVENT) instanceof Map)) {
                errors.add(invalid("events must hold " + BACK_CHANNEL_LOGOUT_EVENT));
            }
            if (jwt.getSubject() == null && jwt.getClaimAsString(LogoutTokenClaimNames.SID) == null) {
                errors.add(invalid("sid or sub is required"));
            }
            if (jwt.hasClaim("nonce")) {
                errors.add(invalid("nonce must not be present"));
            }
            return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
        };
    }

    private static OAuth2Error invalid(String description) {
        return new OAuth2Error("invalid_request", description,
                "https://openid.net/specs/openid-connect-backchannel-1_0.html#Validation");
    }

    /** A logout token that is not one, or not from the issuer to this client. */
    static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(Objects.requireNonNull(reason));
        }
    }
}
