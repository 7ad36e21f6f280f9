package org.example.intake.web.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells {@link RefusedRequests} of each request of its chain that ended 401, 403 or 404, with who was refused.
 * It sits just inside the chain's security context, so it sees the final status wherever it was decided (the
 * chain's entry points and access-denied handlers, the session lifetime, the controllers) and the caller the
 * request was authenticated as. A login redirect (302) is not a refusal. Telling never changes the answer: a
 * failure to record is logged (type only) and the refusal goes out as it was.
 */
final class RefusalWatch extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RefusalWatch.class);

    private final RefusedRequests refusals;

    RefusalWatch(RefusedRequests refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status != HttpServletResponse.SC_UNAUTHORIZED && status != HttpServletResponse.SC_FORBIDDEN
                && status != HttpServletResponse.SC_NOT_FOUND) {
            return;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller instanceof AnonymousAuthenticationToken || (caller != null && !caller.isAuthenticated())) {
            caller = null;
        }
        try {
            refusals.refused(request, status, caller);
        } catch (RuntimeException e) {
            log.warn("a refused request ({}) was not recorded: {}", status, e.getClass().getName());
        }
    }
}
