package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the real Keycloak sends the browser client's back-channel logout URL when an administrator ends sessions: a
 * logout token per ended session, posted as a form, signed by a key of the realm's JWKS, with the realm as issuer,
 * the client as audience, the back-channel logout event, the session ({@code sid}, as in the ID token) and the user
 * ({@code sub}), and no nonce. The demo realm file is imported as a realm of the test's own whose browser client
 * points at a small receiver here (and, for the test only, may use the password grant to make a session quickly).
 */
@ExtendWith(KeycloakExtension.class)
class BackChannelLogoutIntegrationTests {

    private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
    private HttpServer receiver;
    private String realm;

    @BeforeEach
    void aReceiverOfLogoutTokens() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext(DemoRealm.BACK_CHANNEL_LOGOUT_PATH, exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(Map.of("method", exchange.getRequestMethod(),
                        "contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                        "body", new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopTheReceiverAndDropTheRealm(KeycloakServer keycloak) {
        receiver.stop(0);
        if (realm != null) {
            new KeycloakAdmin(keycloak).send("DELETE", "/" + realm, null);
        }
    }

    /** The demo realm as a realm of this test's own, its browser client's back-channel URL at the receiver. */
    private KeycloakAdmin demoRealmSendingLogoutTokensHere(KeycloakServer keycloak) {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        realm = KeycloakAdmin.uniqueName("intake-bcl");
        admin.importRealm(DemoRealm.RESOURCE, realm, Map.of());
        ObjectNode web = (ObjectNode) admin.get("/" + realm + "/clients?clientId=" + DemoRealm.WEB_CLIENT).get(0);
        ((ObjectNode) web.get("attributes")).put("backchannel.logout.url", "http://localhost:"
                + receiver.getAddress().getPort() + DemoRealm.BACK_CHANNEL_LOGOUT_PATH);
        web.put("directAccessGrantsEnabled", true);
        HttpResponse<String> updated = admin.send("PUT", "/" + realm + "/clients/" + web.get("id").asText(), web);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
        return admin;
    }

    /** A session of {@code username} with the browser client: its ID token's claims. */
    private JsonNode signIn(KeycloakServer keycloak, String username) throws Exception {
        HttpResponse<String> tokens = Oidc.postForm(Oidc.http(), issuer(keycloak) + "/protocol/openid-connect/token",
                Map.of("grant_type", "password", "username", username, "password", username, "scope", "openid"),
                DemoRealm.WEB_CLIENT, DemoRealm.WEB_CLIENT_SECRET);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return Oidc.claims(Oidc.json(tokens.body()).get("id_token").asText());
    }

    private String issuer(KeycloakServer keycloak) {
        return keycloak.baseUrl() + "/realms/" + realm;
    }

    /** The next logout token the receiver got, checked as the client will check it; its claims. */
    private JsonNode nextLogoutToken(KeycloakServer keycloak) throws Exception {
        Map<String, String> request = received.poll(20, TimeUnit.SECONDS);
        assertThat(request).as("a logout token within 20 s").isNotNull();
        assertThat(request.get("method")).isEqualTo("POST");
        assertThat(request.get("contentType")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.get("body")).startsWith("logout_token=");
        String token = URLDecoder.decode(request.get("body").substring("logout_token=".length()),
                StandardCharsets.UTF_8);
        JsonNode jwks = Oidc.json(Oidc.get(Oidc.http(), issuer(keycloak) + "/protocol/openid-connect/certs").body());
        String kid = Oidc.header(token).get("kid").asText();
        JsonNode key = null;
        for (JsonNode candidate : jwks.get("keys")) {
            if (kid.equals(candidate.path("kid").asText())) {
                key = candidate;
            }
        }
        assertThat(key).as("a key of the realm's JWKS, kid %s", kid).isNotNull();
        assertThat(Oidc.rs256Verifies(token, key)).isTrue();
        JsonNode claims = Oidc.claims(token);
        assertThat(Oidc.header(token).get("typ").asText()).isEqualTo("logout+jwt");
        assertThat(claims.get("iss").asText()).isEqualTo(issuer(keycloak));
        assertThat(claims.get("aud").toString()).contains(DemoRealm.WEB_CLIENT);
        assertThat(claims.get("events").has(EVENT)).as(claims.toString()).isTrue();
        assertThat(claims.has("iat")).isTrue();
        assertThat(claims.has("jti")).isTrue();
        assertThat(claims.has("nonce")).isFalse();
        return claims;
    }

    /**
     * One session of the user. (With several, Keycloak 26.5 was seen to send a token for one of them only: the
     * plugin's session check at the issuer ends the others, see web-form's security documentation.)
     */
    @Test
    void anAdministratorLoggingAUserOut_sendsALogoutTokenForTheUsersSession(KeycloakServer keycloak)
            throws Exception {
        KeycloakAdmin admin = demoRealmSendingLogoutTokensHere(keycloak);
        JsonNode alex = signIn(keycloak, "alex");
        signIn(keycloak, "casey");

        HttpResponse<String> logout = admin.send("POST", "/" + realm + "/users/" + alex.get("sub").asText()
                + "/logout", null);

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
        JsonNode logoutToken = nextLogoutToken(keycloak);
        assertThat(logoutToken.get("sub").asText()).isEqualTo(alex.get("sub").asText());
        assertThat(logoutToken.get("sid").asText()).isEqualTo(alex.get("sid").asText());
        assertThat(received.poll(2, TimeUnit.SECONDS)).as("nothing for casey's session").isNull();
    }

    @Test
    void anAdministratorDeletingOneSession_sendsALogoutTokenForThatSession(KeycloakServer keycloak)
            throws Exception {
        KeycloakAdmin admin = demoRealmSendingLogoutTokensHere(keycloak);
        JsonNode idToken = signIn(keycloak, "dr-sam");

        HttpResponse<String> deleted = admin.send("DELETE", "/" + realm + "/sessions/" + idToken.get("sid").asText(),
                null);

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        JsonNode logoutToken = nextLogoutToken(keycloak);
        assertThat(logoutToken.get("sid").asText()).isEqualTo(idToken.get("sid").asText());
        assertThat(logoutToken.get("sub").asText()).isEqualTo(idToken.get("sub").asText());
        assertThat(logoutToken.get("exp").asLong()).isGreaterThan(logoutToken.get("iat").asLong());
    }
}
