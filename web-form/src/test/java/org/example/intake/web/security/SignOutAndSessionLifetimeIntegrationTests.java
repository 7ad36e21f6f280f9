package org.example.intake.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Signing out of the pages and the session's lifetime, through the real chain, with sessions as a signed-in browser
 * holds them (the security context in the session): the sign-out POST needs the CSRF token, ends the session and
 * sends the browser to the issuer's end-session endpoint with the ID token and the registered post-logout redirect
 * URI; a session ends after its idle time (the queue's own refreshes do not count, the user's requests do) and after
 * its absolute time however active.
 */
class SignOutAndSessionLifetimeIntegrationTests extends WebFormTestSupport {

    private static final String END_SESSION = "http://keycloak.localhost/realms/intake/protocol/openid-connect/logout";
    private static final String AUTO = SessionLifetime.AUTO_REFRESH;

    @Autowired
    MockMvc mvc;

    private static MockHttpSession signedIn(String name, String role, String patientId, String idTokenValue) {
        OidcIdToken idToken = new OidcIdToken(idTokenValue, Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-" + name, "preferred_username", name));
        IntakeUser user = new IntakeUser(List.of(new SimpleGrantedAuthority(role)), idToken, null, patientId);
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(IntakeBrowserSecurity.SESSION_CONTEXT, new SecurityContextImpl(
                new OAuth2AuthenticationToken(user, user.getAuthorities(), IntakeBrowserSecurity.REGISTRATION)));
        return session;
    }

    private static MockHttpSession patient() {
        return signedIn("alex", "ROLE_patient", "alex", "patient-id-token");
    }

    private static MockHttpSession clinician() {
        return signedIn("dr-sam", "ROLE_clinician", null, "clinician-id-token");
    }

    private MockHttpServletResponse answer(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static void assertEndSession(MockHttpServletResponse response, String idToken, String startPage) {
        assertThat(response.getStatus()).isEqualTo(302);
        UriComponents target = UriComponentsBuilder.fromUriString(response.getRedirectedUrl()).build();
        assertThat(target.getScheme() + "://" + target.getHost() + target.getPath()).isEqualTo(END_SESSION);
        assertThat(target.getQueryParams().getFirst("id_token_hint")).isEqualTo(idToken);
        assertThat(target.getQueryParams().getFirst("post_logout_redirect_uri"))
                .isEqualTo("http://localhost" + startPage);
    }

    private static void age(MockHttpSession session, Duration sinceSignIn, Duration sinceLastRequest) {
        Instant now = Instant.now();
        session.setAttribute(SessionLifetime.STARTED, now.minus(sinceSignIn));
        session.setAttribute(SessionLifetime.LAST_ACTIVITY, now.minus(sinceLastRequest));
    }

    @Test
    void bothLayoutsHaveASignOutButton_postingTheCsrfToken() throws Exception {
        String form = answer(get("/intake").session(patient())).getContentAsString();
        assertThat(form).containsPattern("(?s)<form class=\"intake-header__sign-out\" method=\"post\" "
                + "action=\"/intake/logout\" id=\"sign-out\">\\s*<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"")
                .containsPattern("<button type=\"submit\"[^>]*>Sign out</button>");
        String queue = answer(get("/clinician").session(clinician())).getContentAsString();
        assertThat(queue).containsPattern("(?s)<form class=\"intake-header__sign-out\" method=\"post\" "
                + "action=\"/clinician/logout\" id=\"sign-out\">\\s*<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"")
                .containsPattern("<button type=\"submit\"[^>]*>Sign out</button>");
    }

    @Test
    void signingOutWithoutTheCsrfToken_isRefused_andTheSessionGoesOn() throws Exception {
        MockHttpSession session = patient();
        assertThat(answer(post("/intake/logout").session(session)).getStatus()).isEqualTo(403);
        assertThat(String.valueOf(answer(get("/intake/logout").session(session)).getRedirectedUrl()))
                .as("a GET is no sign-out").doesNotStartWith(END_SESSION);
        assertThat(session.isInvalid()).isFalse();
        assertThat(answer(get("/intake").session(session)).getStatus()).isEqualTo(200);
    }

    @Test
    void aPatientSigningOut_endsTheSession_andGoesToKeycloaksEndSessionWithTheRegisteredReturn() throws Exception {
        MockHttpSession session = patient();
        assertThat(answer(get("/intake").session(session)).getStatus()).isEqualTo(200);
        assertEndSession(answer(post("/intake/logout").session(session).with(csrf())), "patient-id-token", "/intake");
        assertThat(session.isInvalid()).isTrue();
        assertThat(answer(get("/intake")).getRedirectedUrl()).endsWith(IntakeBrowserSecurity.LOGIN);
    }

    @Test
    void aClinicianSigningOut_returnsToTheClinicianStartPage() throws Exception {
        MockHttpSession session = clinician();
        assertEndSession(answer(post("/clinician/logout").session(session).with(csrf())), "clinician-id-token",
                "/clinician");
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void aPatientIdleForThirtyMinutes_isSignedOut_andNotBefore() throws Exception {
        MockHttpSession active = patient();
        age(active, Duration.ofMinutes(40), Duration.ofMinutes(29));
        assertThat(answer(get("/intake").session(active)).getStatus()).isEqualTo(200);
        assertThat(active.isInvalid()).isFalse();

        MockHttpSession idle = patient();
        age(idle, Duration.ofMinutes(40), Duration.ofMinutes(31));
        assertEndSession(answer(get("/intake/history").session(idle)), "patient-id-token", "/intake");
        assertThat(idle.isInvalid()).isTrue();
    }

    @Test
    void theQueuesOwnRefreshes_doNotKeepAClinicianSessionAlive_theirRequestsDo() throws Exception {
        MockHttpSession session = clinician();
        age(session, Duration.ofMinutes(30), Duration.ofMinutes(14));
        Object before = session.getAttribute(SessionLifetime.LAST_ACTIVITY);
        assertThat(answer(get("/clinician/queue-rows").header(AUTO, "1").session(session)).getStatus()).isEqualTo(200);
        assertThat(session.getAttribute(SessionLifetime.LAST_ACTIVITY)).as("a refresh is no activity").isEqualTo(before);

        assertThat(answer(get("/clinician").session(session)).getStatus()).isEqualTo(200);
        assertThat((Instant) session.getAttribute(SessionLifetime.LAST_ACTIVITY)).as("a page the user asked for is")
                .isAfter((Instant) before);

        age(session, Duration.ofMinutes(30), Duration.ofMinutes(16));
        MvcResult refresh = mvc.perform(get("/clinician/queue-rows").header(AUTO, "1").session(session)).andReturn();
        assertThat(refresh.getResponse().getStatus()).as("the script reloads the page").isEqualTo(401);
        assertThat(refresh.getResponse().getContentAsString()).doesNotContain("data-submission-id");
        assertThat(session.isInvalid()).isTrue();
        MockHttpSession after = (MockHttpSession) refresh.getRequest().getSession(false);
        assertThat(after).as("a new session, holding only where to sign out").isNotNull();
        assertThat(after.getAttribute(IntakeBrowserSecurity.SESSION_CONTEXT)).isNull();
        assertThat(answer(get("/clinician/events").session(after)).getStatus()).isEqualTo(401);
        assertEndSession(answer(get("/clinician").session(after)), "clinician-id-token", "/clinician");
        assertThat(answer(get("/clinician").session(after)).getRedirectedUrl()).as("then the login, as anyone's")
                .endsWith(IntakeBrowserSecurity.LOGIN);
    }

    @Test
    void theEventStreamDoesNotKeepTheSessionAlive_andIsRefusedOnceItIsOver() throws Exception {
        MockHttpSession session = clinician();
        age(session, Duration.ofMinutes(30), Duration.ofMinutes(16));
        assertThat(answer(get("/clinician/events").session(session)).getStatus()).isEqualTo(401);
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void theAbsoluteLifetimeEndsEvenAnActiveSession() throws Exception {
        MockHttpSession clinician = clinician();
        age(clinician, Duration.ofHours(8).plusMinutes(1), Duration.ofSeconds(5));
        assertEndSession(answer(get("/clinician").session(clinician)), "clinician-id-token", "/clinician");
        assertThat(clinician.isInvalid()).isTrue();

        MockHttpSession patient = patient();
        age(patient, Duration.ofHours(2).plusMinutes(1), Duration.ofSeconds(5));
        assertEndSession(answer(get("/intake").session(patient)), "patient-id-token", "/intake");

        MockHttpSession young = patient();
        age(young, Duration.ofMinutes(119), Duration.ofSeconds(5));
        assertThat(answer(get("/intake").session(young)).getStatus()).isEqualTo(200);
    }

    @Test
    void aFreshSignInStartsTheClocks() throws Exception {
        MockHttpSession session = patient();
        assertThat(answer(get("/intake").session(session)).getStatus()).isEqualTo(200);
        assertThat(session.getAttribute(SessionLifetime.STARTED)).isNotNull();
        assertThat(session.getAttribute(SessionLifetime.LAST_ACTIVITY)).isEqualTo(session.getAttribute(SessionLifetime.STARTED));
    }

    @Test
    void aScriptsRefreshWithoutASession_gets401_notTheLoginPage() throws Exception {
        assertThat(answer(get("/clinician/queue-rows").header(AUTO, "1")).getStatus()).isEqualTo(401);
        assertThat(answer(get("/clinician/events")).getStatus()).isEqualTo(401);
        assertThat(answer(get("/clinician/queue-rows")).getRedirectedUrl()).endsWith(IntakeBrowserSecurity.LOGIN);
    }
}
