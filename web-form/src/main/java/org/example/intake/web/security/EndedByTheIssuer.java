package org.example.intake.web.security;

import java.io.IOException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends a page session the issuer has ended ({@link EndedSessions}: its Keycloak session, by the ID token's
 * {@code sid}, or all its user's sessions since its ID token was issued), on whichever node it lives: the session is
 * invalidated (what it held open is closed, {@link PagesSessionEnded}) and the request goes on as anyone's, so a
 * page goes to the login and a script's request gets 401. No sign-out at the issuer: it has ended the session
 * itself. The pages' own files are not checked.
 */
final class EndedByTheIssuer extends OncePerRequestFilter {

    private final EndedSessions ended;
    private final ApplicationEventPublisher events;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    EndedByTheIssuer(EndedSessions ended, ApplicationEventPublisher events) {
        this.ended = ended;
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
                && endedByTheIssuer(oidc.getIdToken())) {
            String id = session.getId();
            session.invalidate();
            events.publishEvent(new PagesSessionEnded(id));
            contexts.clearContext();
        }
        chain.doFilter(request, response);
    }

    private boolean endedByTheIssuer(OidcIdToken idToken) {
        return idToken != null && idToken.getSubject() != null && idToken.getIssuedAt() != null
                && ended.ended(idToken.getClaimAsString("sid"), idToken.getSubject(), idToken.getIssuedAt());
    }
}
