package org.example.intake.web.security;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /intake/logout/back-channel} with a form field {@code logout_token}: the issuer ends a Keycloak session
 * or all of a user's ({@link BackChannelLogout}). 200 when the token holds and the end is recorded; 400 with
 * {@code {"error": "invalid_request", "error_description": ...}} when it does not, and nothing is ended.
 */
@RestController
class BackChannelLogoutController {

    private static final Logger log = LoggerFactory.getLogger(BackChannelLogoutController.class);

    private final LogoutTokens tokens;
    private final EndedSessions ended;

    BackChannelLogoutController(LogoutTokens tokens, EndedSessions ended) {
        this.tokens = tokens;
        this.ended = ended;
    }

    @PostMapping(path = BackChannelLogout.PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, String>> logout(@RequestParam(name = "logout_token", required = false) String token) {
        OidcLogoutToken logout;
        try {
            logout = tokens.read(token);
        } catch (LogoutTokens.Refused refused) {
            log.warn("Refused a back-channel logout: {}", refused.getMessage());
            return ResponseEntity.badRequest().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("error", "invalid_request", "error_description", refused.getMessage()));
        }
        ended.record(logout.getSessionId(), logout.getSubject(), logout.getIssuedAt());
        log.info("The issuer ended {}", logout.getSessionId() != null ? "Keycloak session " + logout.getSessionId()
                : "every session of user " + logout.getSubject());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }
}
