package org.example.intake.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.example.intake.web.TestTokens;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * Page sessions as a browser signed in through Keycloak holds them (an ID token with {@code sub}, {@code sid} and
 * {@code iat}), and logout tokens as Keycloak sends them, signed by {@link TestTokens}' issuer for the pages' client.
 */
final class BackChannelFixtures {

    /** The pages' client id (the setting's default), the audience of logout tokens. */
    static final String CLIENT = "intake-web";

    private BackChannelFixtures() {
    }

    /** A signed-in page session of user {@code sub} in Keycloak session {@code sid}, signed in a minute ago. */
    static MockHttpSession signedIn(String sub, String sid, String role) {
        Instant signedIn = Instant.now().minus(Duration.ofMinutes(1));
        Map<String, Object> claims = new HashMap<>(Map.of("sub", sub, "preferred_username", "user-" + sub));
        if (sid != null) {
            claims.put("sid", sid);
        }
        OidcIdToken idToken = new OidcIdToken("id-token-" + sub, signedIn, signedIn.plusSeconds(300), claims);
        IntakeUser user = new IntakeUser(List.of(new SimpleGrantedAuthority(role)), idToken, null,
                role.equals("ROLE_patient") ? sub : null);
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(IntakeBrowserSecurity.SESSION_CONTEXT, new SecurityContextImpl(
                new OAuth2AuthenticationToken(user, user.getAuthorities(), IntakeBrowserSecurity.REGISTRATION)));
        return session;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A valid logout token (iss, aud, iat, exp, jti, the event) with this sid and sub (either may be null). */
    static TestTokens.Builder logoutToken(String sid, String sub) {
        TestTokens.Builder token = TestTokens.builder().audience(CLIENT).claim("jti", newId())
                .claim("events", Map.of(LogoutTokens.BACK_CHANNEL_LOGOUT_EVENT, Map.of()))
                .claim("sub", sub);
        return sid == null ? token : token.claim("sid", sid);
    }
}
