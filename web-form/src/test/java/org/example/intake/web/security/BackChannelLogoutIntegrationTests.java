package org.example.intake.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.example.intake.web.security.BackChannelFixtures.logoutToken;
import static org.example.intake.web.security.BackChannelFixtures.newId;
import static org.example.intake.web.security.BackChannelFixtures.signedIn;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The plugin's back-channel logout endpoint, {@code POST /intake/logout/back-channel}, through the real chains: a
 * logout token from the issuer for the pages' client ends the page sessions of its Keycloak session (sid), or of its
 * user (sub) when it names no session, and nothing else; any other token is refused with 400 and ends nothing. The
 * issuer posts without a session or CSRF token, and only this path is open so.
 */
class BackChannelLogoutIntegrationTests extends WebFormTestSupport {

    @Autowired
    MockMvc mvc;

    private MockHttpServletResponse answer(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private MockHttpServletResponse backChannelLogout(String token) throws Exception {
        return answer(post(BackChannelLogout.PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("logout_token", token));
    }

    private void assertSignedIn(MockHttpSession session, String page) throws Exception {
        assertThat(answer(get(page).session(session)).getStatus()).as("still signed in").isEqualTo(200);
        assertThat(session.isInvalid()).isFalse();
    }

    private void assertSentToTheLogin(MockHttpSession session, String page) throws Exception {
        MockHttpServletResponse response = answer(get(page).session(session));
        assertThat(response.getRedirectedUrl()).as("the login, not the page").endsWith(IntakeBrowserSecurity.LOGIN);
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void aLogoutTokenNamingAKeycloakSession_endsThatPageSession_andNoOther() throws Exception {
        String alex = newId();
        String ended = newId();
        MockHttpSession endedSession = signedIn(alex, ended, "ROLE_patient");
        MockHttpSession otherSessionOfAlex = signedIn(alex, newId(), "ROLE_patient");
        MockHttpSession clinician = signedIn(newId(), newId(), "ROLE_clinician");
        assertSignedIn(endedSession, "/intake");

        MockHttpServletResponse response = backChannelLogout(logoutToken(ended, alex).sign());

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).contains("no-store");
        assertSentToTheLogin(endedSession, "/intake");
        assertSignedIn(otherSessionOfAlex, "/intake");
        assertSignedIn(clinician, "/clinician");
    }

    @Test
    void aLogoutTokenNamingOnlyAUser_endsEveryPageSessionOfTheUser() throws Exception {
        String drSam = newId();
        MockHttpSession first = signedIn(drSam, newId(), "ROLE_clinician");
        MockHttpSession second = signedIn(drSam, newId(), "ROLE_clinician");
        MockHttpSession someoneElse = signedIn(newId(), newId(), "ROLE_clinician");

        assertThat(backChannelLogout(logoutToken(null, drSam).sign()).getStatus()).isEqualTo(200);

        assertSentToTheLogin(first, "/clinician");
        assertSentToTheLogin(second, "/clinician/queue-rows");
        assertSignedIn(someoneElse, "/clinician");
    }

    @Test
    void aScriptsRequestInAnEndedSession_gets401_notThePage() throws Exception {
        String sid = newId();
        MockHttpSession session = signedIn(newId(), sid, "ROLE_clinician");
        assertThat(backChannelLogout(logoutToken(sid, null).sign()).getStatus()).isEqualTo(200);

        MockHttpServletResponse refresh = answer(get("/clinician/queue-rows")
                .header(SessionLifetime.AUTO_REFRESH, "1").session(session));

        assertThat(refresh.getStatus()).isEqualTo(401);
        assertThat(refresh.getContentAsString()).doesNotContain("data-submission-id");
        assertThat(session.isInvalid()).isTrue();
    }

    static Stream<Arguments> tokensThatAreNotTheIssuersLogoutTokensForThisClient() {
        Instant threeMinutesAgo = Instant.now().minus(Duration.ofMinutes(3));
        return Stream.of(
                refused("signed by a key the issuer never published", TestTokens.Builder::signedByAStranger, "signed"),
                refused("for another client", t -> t.audience("intake-api"), "aud"),
                refused("from another issuer", t -> t.issuer("http://evil.localhost/realms/intake"), "iss"),
                refused("without the back-channel logout event", t -> t.claim("events", null), "events"),
                refused("with another event", t -> t.claim("events",
                        java.util.Map.of("http://schemas.openid.net/event/other", java.util.Map.of())), "events"),
                refused("expired", t -> t.claim("iat", Date.from(threeMinutesAgo))
                        .claim("exp", Date.from(threeMinutesAgo.plusSeconds(60))), "expired"),
                refused("issued long ago", t -> t.claim("iat", Date.from(Instant.now().minus(Duration.ofMinutes(6)))),
                        "iat"),
                refused("an ID token's nonce", t -> t.claim("nonce", "n-0S6_WzA2Mj"), "nonce"),
                refused("without an id", t -> t.claim("jti", null), "jti"),
                refused("naming neither session nor user", t -> t.claim("sid", null).claim("sub", null), "sid or sub"));
    }

    private static Arguments refused(String what, UnaryOperator<TestTokens.Builder> spoil, String named) {
        return Arguments.of(what, spoil, named);
    }

    @ParameterizedTest(name = "a logout token {0} is refused")
    @MethodSource("tokensThatAreNotTheIssuersLogoutTokensForThisClient")
    void aLogoutTokenThatDoesNotHold_isRefusedWith400_andEndsNothing(String what,
            UnaryOperator<TestTokens.Builder> spoil, String named) throws Exception {
        String sub = newId();
        String sid = newId();
        MockHttpSession session = signedIn(sub, sid, "ROLE_patient");

        MockHttpServletResponse response = backChannelLogout(spoil.apply(logoutToken(sid, sub)).sign());

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
        assertThat(response.getContentAsString()).contains("\"error\":\"invalid_request\"").contains(named);
        assertSignedIn(session, "/intake");
    }

    @Test
    void noTokenAJsonBodyOrNoJwt_isRefusedWith400() throws Exception {
        assertThat(answer(post(BackChannelLogout.PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)).getStatus())
                .isEqualTo(400);
        MockHttpServletResponse asJson = answer(post(BackChannelLogout.PATH).contentType(MediaType.APPLICATION_JSON)
                .content("{\"logout_token\":\"" + logoutToken(newId(), newId()).sign() + "\"}"));
        assertThat(asJson.getStatus()).isEqualTo(400);
        assertThat(asJson.getContentAsString()).contains("application/x-www-form-urlencoded");
        MockHttpServletResponse garbage = backChannelLogout("not-a-jwt");
        assertThat(garbage.getStatus()).isEqualTo(400);
        assertThat(garbage.getContentAsString()).contains("invalid_request");
    }

    @Test
    void theEndpointAloneIsOpenWithoutSessionAndCsrfToken_itsNeighboursAreNot() throws Exception {
        assertThat(backChannelLogout(logoutToken(newId(), newId()).sign()).getStatus()).as("no CSRF token, no session")
                .isEqualTo(200);
        assertThat(answer(get(BackChannelLogout.PATH)).getStatus()).as("a GET is no logout").isEqualTo(404);
        assertThat(answer(post(BackChannelLogout.PATH + "/x").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("logout_token", logoutToken(newId(), newId()).sign())).getStatus())
                .as("a neighbour is the pages' (CSRF)").isEqualTo(403);
        MockHttpSession patient = signedIn(newId(), newId(), "ROLE_patient");
        assertThat(answer(post("/intake/logout").session(patient)).getStatus()).as("signing out still needs it")
                .isEqualTo(403);
        assertThat(answer(post("/intake/logout").session(patient).with(csrf())).getStatus()).isEqualTo(302);
    }
}
