package org.example.intake.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.intake.web.IntakeProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * The pages' check with the issuer, without a server: a session whose refresh token the issuer refuses
 * ({@code invalid_grant}) ends; one it accepts goes on with the new tokens kept; the issuer is asked at most every 30
 * seconds of a session's requests; an issuer out of reach ends nothing.
 */
class EndedByTheIssuerUnitTests {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final EndedSessions noneLoggedOut = mock(EndedSessions.class);
    private final HttpSessionOAuth2AuthorizedClientRepository clients = new HttpSessionOAuth2AuthorizedClientRepository();
    private final List<Object> events = new ArrayList<>();
    private final AtomicInteger asked = new AtomicInteger();

    EndedByTheIssuerUnitTests() {
        when(noneLoggedOut.ended(any(), anyString(), any())).thenReturn(false);
    }

    @AfterEach
    void clearTheContext() {
        SecurityContextHolder.clearContext();
    }

    private EndedByTheIssuer filter(OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> issuer,
            Instant now) {
        OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> counted = request -> {
            asked.incrementAndGet();
            return issuer.getTokenResponse(request);
        };
        return new EndedByTheIssuer(noneLoggedOut, clients, counted, Clock.fixed(now, ZoneOffset.UTC), events::add);
    }

    /** A signed-in session holding its tokens, as the login leaves it; the request to send in it. */
    private MockHttpServletRequest requestInASignedInSession(String refreshToken) {
        MockHttpSession session = BackChannelFixtures.signedIn("user-1", "sid-1", "ROLE_clinician");
        OAuth2AuthenticationToken login = (OAuth2AuthenticationToken) ((SecurityContextImpl) session
                .getAttribute(IntakeBrowserSecurity.SESSION_CONTEXT)).getAuthentication();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/clinician");
        request.setSession(session);
        clients.saveAuthorizedClient(new OAuth2AuthorizedClient(registration(), "user-1", accessToken("a-1"),
                new OAuth2RefreshToken(refreshToken, NOW.minusSeconds(60))), login, request,
                new MockHttpServletResponse());
        SecurityContextHolder.getContext().setAuthentication(login);
        return request;
    }

    private static org.springframework.security.oauth2.client.registration.ClientRegistration registration() {
        return IntakeBrowserSecurity.registration(new IntakeProperties.Security(
                java.net.URI.create("http://keycloak.localhost/realms/intake"), null, "intake-api", "intake-web", "secret"));
    }

    private static OAuth2AccessToken accessToken(String value) {
        return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, NOW.minusSeconds(60),
                NOW.plusSeconds(240));
    }

    private static OAuth2AccessTokenResponse tokens(String access, String refresh) {
        return OAuth2AccessTokenResponse.withToken(access).tokenType(OAuth2AccessToken.TokenType.BEARER)
                .expiresIn(300).refreshToken(refresh).build();
    }

    private static MockFilterChain run(EndedByTheIssuer filter, MockHttpServletRequest request) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return chain;
    }

    @Test
    void aSessionWhoseRefreshTokenTheIssuerRefuses_ends_andTheRequestGoesOnAsAnyones() throws Exception {
        MockHttpServletRequest request = requestInASignedInSession("r-1");
        MockHttpSession session = (MockHttpSession) request.getSession(false);

        MockFilterChain chain = run(filter(grant -> {
            throw new OAuth2AuthorizationException(new OAuth2Error("invalid_grant", "Session not active", null));
        }, NOW), request);

        assertThat(session.isInvalid()).isTrue();
        assertThat(events).containsExactly(new PagesSessionEnded(session.getId()));
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        assertThat(chain.getRequest()).as("the chain goes on, to the login").isNotNull();
    }

    @Test
    void aSessionTheIssuerStillKnows_goesOn_withItsNewTokens() throws Exception {
        MockHttpServletRequest request = requestInASignedInSession("r-1");

        run(filter(grant -> {
            assertThat(grant.getRefreshToken().getTokenValue()).isEqualTo("r-1");
            return tokens("a-2", "r-2");
        }, NOW), request);

        assertThat(request.getSession(false)).isNotNull();
        OAuth2AuthorizedClient kept = clients.loadAuthorizedClient(IntakeBrowserSecurity.REGISTRATION,
                SecurityContextHolder.getContext().getAuthentication(), request);
        assertThat(kept.getAccessToken().getTokenValue()).isEqualTo("a-2");
        assertThat(kept.getRefreshToken().getTokenValue()).isEqualTo("r-2");
        assertThat(events).isEmpty();
    }

    @Test
    void theIssuerIsAskedAtMostEveryThirtySecondsOfASessionsRequests() throws Exception {
        MockHttpServletRequest request = requestInASignedInSession("r-1");
        OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> issuer = grant -> tokens("a", "r");

        run(filter(issuer, NOW), request);
        run(filter(issuer, NOW.plus(Duration.ofSeconds(29))), request);
        assertThat(asked).hasValue(1);

        run(filter(issuer, NOW.plus(Duration.ofSeconds(30))), request);
        assertThat(asked).hasValue(2);
    }

    @Test
    void anIssuerOutOfReachOrAnsweringOtherwise_endsNothing() throws Exception {
        MockHttpServletRequest unreachable = requestInASignedInSession("r-1");
        run(filter(grant -> {
            throw new IllegalStateException("connection refused");
        }, NOW), unreachable);
        assertThat(unreachable.getSession(false)).isNotNull();

        MockHttpServletRequest busy = requestInASignedInSession("r-1");
        run(filter(grant -> {
            throw new OAuth2AuthorizationException(new OAuth2Error("temporarily_unavailable", null, null));
        }, NOW), busy);
        assertThat(busy.getSession(false)).isNotNull();
        assertThat(events).isEmpty();
    }

    @Test
    void aSessionWithoutTokens_isNotAsked() throws Exception {
        MockHttpSession session = BackChannelFixtures.signedIn("user-2", "sid-2", "ROLE_patient");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/intake");
        request.setSession(session);
        SecurityContextHolder.getContext().setAuthentication(((SecurityContextImpl) session
                .getAttribute(IntakeBrowserSecurity.SESSION_CONTEXT)).getAuthentication());

        run(filter(grant -> tokens("a", "r"), NOW), request);

        assertThat(asked).hasValue(0);
        assertThat(session.isInvalid()).isFalse();
    }
}
