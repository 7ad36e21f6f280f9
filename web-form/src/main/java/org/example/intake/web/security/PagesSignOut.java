package org.example.intake.web.security;

import java.io.IOException;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Signing out of the pages: {@code POST /intake/logout} (the patients' header) or {@code POST /clinician/logout}
 * (the clinicians'), with the CSRF token, ends the app's session and then the identity provider's (OpenID Connect
 * RP-initiated logout: the browser goes to the issuer's end-session endpoint with the ID token as
 * {@code id_token_hint}), which sends it back to {@code {baseUrl}/intake} or {@code {baseUrl}/clinician}, the
 * post-logout redirect URIs the client has registered; there, not being signed in, it is sent to the login page.
 */
final class PagesSignOut implements LogoutSuccessHandler {

    static final String PATIENT_LOGOUT = "/intake/logout";
    static final String CLINICIAN_LOGOUT = "/clinician/logout";

    private final EndSession patients;
    private final EndSession clinicians;

    PagesSignOut(ClientRegistrationRepository registrations) {
        this.patients = new EndSession(registrations, "/intake");
        this.clinicians = new EndSession(registrations, "/clinician");
    }

    /** The sign-out requests: a POST to either address (a GET is not one: it would need no CSRF token). */
    static RequestMatcher requests() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(paths.matcher(HttpMethod.POST, PATIENT_LOGOUT),
                paths.matcher(HttpMethod.POST, CLINICIAN_LOGOUT));
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        handlerFor(request).onLogoutSuccess(request, response, authentication);
    }

    /**
     * Where a browser goes to sign out of the identity provider too: its end-session endpoint with the ID token
     * and the post-logout redirect URI of the part (patients' or clinicians') the request is in; the part's start
     * page when the user did not sign in with OpenID Connect.
     */
    String endSessionUrl(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        return handlerFor(request).targetUrl(request, response, authentication);
    }

    private EndSession handlerFor(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/clinician") || path.startsWith("/clinician/") ? clinicians : patients;
    }

    private static final class EndSession extends OidcClientInitiatedLogoutSuccessHandler {

        EndSession(ClientRegistrationRepository registrations, String startPage) {
            super(registrations);
            setPostLogoutRedirectUri("{baseUrl}" + startPage);
            setDefaultTargetUrl(startPage);
        }

        String targetUrl(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
            return determineTargetUrl(request, response, authentication);
        }
    }
}
