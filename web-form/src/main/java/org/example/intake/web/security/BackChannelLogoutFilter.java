package org.example.intake.web.security;

import java.io.IOException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /intake/logout/back-channel} with a form field {@code logout_token}: the issuer ends a Keycloak session
 * or all of a user's ({@link BackChannelLogout}). 200 when the token holds and the end is recorded; 400 with
 * {@code {"error": "invalid_request", "error_description": ...}} when it does not, and nothing is ended. A filter of
 * the endpoint's own chain, as Spring Security's own back-channel endpoint is: a protocol endpoint of the security,
 * not one of the plugin's API. Other methods go on down the chain (and find nothing).
 */
final class BackChannelLogoutFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BackChannelLogoutFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogoutTokens tokens;
    private final EndedSessions ended;

    BackChannelLogoutFilter(LogoutTokens tokens, EndedSessions ended) {
        this.tokens = tokens;
        this.ended = ended;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        OidcLogoutToken logout;
        try {
            if (!isForm(request)) {
                throw new LogoutTokens.Refused("post logout_token as application/x-www-form-urlencoded");
            }
            logout = tokens.read(request.getParameter("logout_token"));
        } catch (LogoutTokens.Refused refused) {
            log.warn("Refused a back-channel logout: {}", refused.getMessage());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(response.getWriter(),
                    Map.of("error", "invalid_request", "error_description", refused.getMessage()));
            return;
        }
        ended.record(logout.getSessionId(), logout.getSubject(), logout.getIssuedAt());
        log.info("The issuer ended {}", logout.getSessionId() != null ? "Keycloak session " + logout.getSessionId()
                : "every session of user " + logout.getSubject());
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        try {
            return type != null && MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
