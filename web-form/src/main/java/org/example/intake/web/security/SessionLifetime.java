package org.example.intake.web.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.example.intake.web.IntakeProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The pages' session lifetime ({@code intake.session.*}), by this filter's clock, independent of the servlet
 * container's session timeout: the session's sign-in time and its user's last request are kept in the session; when
 * the idle or the absolute time is over the session is invalidated and the browser signs out of the identity
 * provider too (else it would sign straight back in), then lands on the login page. A page request is redirected to
 * the end-session endpoint at once; a script's request gets 401, and the new session holds only where to sign out,
 * so the page's reload goes there. The queue page's own refreshes (header {@value #AUTO_REFRESH}) and its event
 * stream are not the user's requests: they neither extend the session nor keep it alive.
 */
final class SessionLifetime extends OncePerRequestFilter {

    /** The header the pages' scripts set on requests the user did not make (the queue's automatic refresh). */
    static final String AUTO_REFRESH = "X-Intake-Auto-Refresh";
    /** The queue page's event stream, held open by the page. */
    static final String EVENTS = "/clinician/events";
    static final String STARTED = SessionLifetime.class.getName() + ".started";
    static final String LAST_ACTIVITY = SessionLifetime.class.getName() + ".lastActivity";
    static final String SIGN_OUT = SessionLifetime.class.getName() + ".signOut";

    private final IntakeProperties.Session limits;
    private final PagesSignOut signOut;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionLifetime(IntakeProperties.Session limits, PagesSignOut signOut, Clock clock,
            ApplicationEventPublisher events) {
        this.limits = limits;
        this.signOut = signOut;
        this.clock = clock;
        this.events = events;
    }

    /** A request the user did not make: the queue's automatic refresh or its event stream. */
    static boolean automatic(HttpServletRequest request) {
        return request.getHeader(AUTO_REFRESH) != null
                || (request.getContextPath() + EVENTS).equals(request.getRequestURI());
    }

    /** A script's request (which cannot follow a redirect to the login page), not the browser's navigation. */
    static boolean script(HttpServletRequest request) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        return automatic(request) || request.getHeader("X-Requested-With") != null
                || (mode != null && !mode.equals("navigate"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session == null) {
            chain.doFilter(request, response);
            return;
        }
        String pendingSignOut = (String) session.getAttribute(SIGN_OUT);
        if (pendingSignOut != null) {
            if (script(request)) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                session.removeAttribute(SIGN_OUT);
                response.sendRedirect(pendingSignOut);
            }
            return;
        }
        Authentication user = contexts.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        Instant now = clock.instant();
        Instant started = (Instant) session.getAttribute(STARTED);
        Instant lastActivity = (Instant) session.getAttribute(LAST_ACTIVITY);
        if (started == null || lastActivity == null) {
            started = now;
            lastActivity = now;
            session.setAttribute(STARTED, now);
        }
        boolean clinician = user.getAuthorities().stream().anyMatch(a -> "ROLE_clinician".equals(a.getAuthority()));
        Duration idle = clinician ? limits.clinicianIdle() : limits.patientIdle();
        Duration absolute = clinician ? limits.clinicianAbsolute() : limits.patientAbsolute();
        if (!now.isBefore(lastActivity.plus(idle)) || !now.isBefore(started.plus(absolute))) {
            end(request, response, session, user);
            return;
        }
        if (!automatic(request)) {
            session.setAttribute(LAST_ACTIVITY, now);
        }
        chain.doFilter(request, response);
    }

    private void end(HttpServletRequest request, HttpServletResponse response, HttpSession session,
            Authentication user) throws IOException {
        String endSession = signOut.endSessionUrl(request, response, user);
        String id = session.getId();
        session.invalidate();
        events.publishEvent(new PagesSessionEnded(id));
        contexts.clearContext();
        if (script(request)) {
            request.getSession(true).setAttribute(SIGN_OUT, endSession);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        } else {
            response.sendRedirect(endSession);
        }
    }
}
