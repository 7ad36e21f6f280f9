package org.example.intake.web.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;

/**
 * Told of every request on the plugin's paths that ended refused: 401 or 403 (from the chains' entry points,
 * access-denied handlers or session lifetime, or a controller) and 404 (a controller's "no such submission"). The
 * audit trail implements it; the chains work without one.
 */
@FunctionalInterface
public interface RefusedRequests {

    /**
     * @param request the refused request (read its method and path; nothing of it is trusted)
     * @param status  401, 403 or 404
     * @param caller  who was refused, or null for an anonymous caller (no token, no login, or one not valid)
     */
    void refused(HttpServletRequest request, int status, Authentication caller);
}
