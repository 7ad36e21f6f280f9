package org.example.intake.web.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends a page session the issuer has ended, on whichever node it lives, learnt in one of two ways:
 * <ul>
 * <li>a logout token ({@link BackChannelLogout}) recorded its Keycloak session (the ID token's {@code sid}), or all
 * its user's sessions since its ID token was issued, in {@link EndedSessions}: looked up on every request;</li>
 * <li>the issuer refuses the session's refresh token ({@code invalid_grant}): asked at most every {@link #EVERY} of
 * the session's requests (the queue's own refreshes too). This catches what no logout token announced: Keycloak
 * sends one per client when an administrator logs a user out, so a user's other sessions would go unannounced, and
 * a token may be lost while the app is down. An issuer that cannot be reached ends nothing. The answer's new tokens
 * are kept in the session (so the Keycloak session stays alive while the user works in the app).</li>
 * </ul>
 * The session is invalidated (what it held open is closed, {@link PagesSessionEnded}) and the request goes on as
 * anyone's, so a page goes to the login and a script's request gets 401. No sign-out at the issuer: it has ended the
 * session itself. The pages' own files are not checked.
 */
final class EndedByTheIssuer extends OncePerRequestFilter {

    /** How often a session's refresh token is put to the issuer, at most. */
    static final Duration EVERY = Duration.ofSeconds(30);
    static final String ASKED = EndedByTheIssuer.class.getName() + ".asked";

    private static final Logger log = LoggerFactory.getLogger(EndedByTheIssuer.class);

    private final EndedSessions ended;
    private final OAuth2AuthorizedClientRepository clients;
    private final OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refresh;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    EndedByTheIssuer(EndedSessions ended, OAuth2AuthorizedClientRepository clients,
            OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refresh, Clock clock,
            ApplicationEventPublisher events) {
        this.ended = ended;
        this.clients = clients;
        this.refresh = refresh;
        this.clock = clock;
        this.events = events;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/intake/assets/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication user = contexts.getContext().getAuthentication();
        if (session != null && user != null && user.getPrincipal() instanceof OidcUser oidc
                && (loggedOut(oidc.getIdToken()) || refused(user, session, request, response))) {
            String id = session.getId();
            session.invalidate();
            events.publishEvent(new PagesSessionEnded(id));
            contexts.clearContext();
        }
        chain.doFilter(request, response);
    }

    private boolean loggedOut(OidcIdToken idToken) {
        return idToken != null && idToken.getSubject() != null && idToken.getIssuedAt() != null
                && ended.ended(idToken.getClaimAsString("sid"), idToken.getSubject(), idToken.getIssuedAt());
    }

    /** Whether the issuer, asked now (at most every {@link #EVERY}), refuses the session's refresh token. */
    private boolean refused(Authentication user, HttpSession session, HttpServletRequest request,
            HttpServletResponse response) {
        Instant now = clock.instant();
        Instant asked = (Instant) session.getAttribute(ASKED);
        if (!(user instanceof OAuth2AuthenticationToken login) || (asked != null && now.isBefore(asked.plus(EVERY)))) {
            return false;
        }
        session.setAttribute(ASKED, now);
        OAuth2AuthorizedClient client = clients.loadAuthorizedClient(login.getAuthorizedClientRegistrationId(), login,
                request);
        if (client == null || client.getRefreshToken() == null) {
            return false;
        }
        try {
            OAuth2AccessTokenResponse tokens = refresh.getTokenResponse(new OAuth2RefreshTokenGrantRequest(
                    client.getClientRegistration(), client.getAccessToken(), client.getRefreshToken()));
            OAuth2RefreshToken next = tokens.getRefreshToken() != null ? tokens.getRefreshToken()
                    : client.getRefreshToken();
            clients.saveAuthorizedClient(new OAuth2AuthorizedClient(client.getClientRegistration(),
                    client.getPrincipalName(), tokens.getAccessToken(), next), login, request, response);
            return false;
        } catch (OAuth2AuthorizationException e) {
            if (OAuth2ErrorCodes.INVALID_GRANT.equals(e.getError().getErrorCode())) {
                return true;
            }
            log.warn("Could not ask the issuer whether a page session goes on ({}); it goes on",
                    e.getError().getErrorCode());
            return false;
        } catch (RuntimeException e) {
            log.warn("Could not ask the issuer whether a page session goes on ({}); it goes on",
                    e.getClass().getSimpleName());
            return false;
        }
    }
}
