package org.example.intake.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.security.IntakeBrowserSecurity;
import org.example.intake.web.security.IntakeUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

/**
 * A session's open queue streams end when the session does (signed out here), not at their timeout half an hour
 * later; another session's stay open.
 */
class QueueStreamsEndWithTheSessionIntegrationTests extends WebFormTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    QueueUpdates updates;

    private static MockHttpSession clinicianSession() {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-dr-sam", "preferred_username", "dr-sam"));
        IntakeUser user = new IntakeUser(List.of(new SimpleGrantedAuthority("ROLE_clinician")), idToken, null, null);
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(IntakeBrowserSecurity.SESSION_CONTEXT, new SecurityContextImpl(
                new OAuth2AuthenticationToken(user, user.getAuthorities(), IntakeBrowserSecurity.REGISTRATION)));
        return session;
    }

    @Test
    void signingOutEndsTheSessionsStreams_andNoOtherSessions() throws Exception {
        MockHttpSession leaving = clinicianSession();
        MockHttpSession staying = clinicianSession();
        String leavingId = leaving.getId();
        mvc.perform(get("/clinician/events").session(leaving)).andExpect(MockMvcResultMatchers.request().asyncStarted());
        mvc.perform(get("/clinician/events").session(staying)).andExpect(MockMvcResultMatchers.request().asyncStarted());
        assertThat(updates.streamsOf(leavingId)).isEqualTo(1);
        assertThat(updates.streamsOf(staying.getId())).isEqualTo(1);

        assertThat(mvc.perform(post("/clinician/logout").session(leaving).with(csrf())).andReturn().getResponse()
                .getStatus()).isEqualTo(302);

        assertThat(leaving.isInvalid()).isTrue();
        assertThat(updates.streamsOf(leavingId)).isZero();
        assertThat(updates.streamsOf(staying.getId())).isEqualTo(1);
    }
}
