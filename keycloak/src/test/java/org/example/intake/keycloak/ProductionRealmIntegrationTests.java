package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production realm file imported into the real server (beside the demo realm, under other names): its
 * settings as Keycloak reads them back, and what they do.
 */
@ExtendWith(KeycloakExtension.class)
class ProductionRealmIntegrationTests {

    @Test
    void itImportsWithBruteForceProtectionAPasswordPolicyAndStoredEvents(KeycloakServer keycloak) {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        String name = ProductionRealmImports.asIs(keycloak);

        JsonNode realm = admin.get("/" + name);
        JsonNode events = admin.get("/" + name + "/events/config");

        assertThat(realm.get("sslRequired").asText()).isEqualTo("all");
        assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.get("permanentLockout").asBoolean()).isFalse();
        assertThat(realm.get("failureFactor").asInt()).isEqualTo(5);
        assertThat(realm.get("waitIncrementSeconds").asInt()).isEqualTo(60);
        assertThat(realm.get("passwordPolicy").asText())
                .contains("length(12)", "notUsername", "notEmail", "passwordHistory(5)");
        assertThat(realm.get("registrationAllowed").asBoolean()).isFalse();
        assertThat(events.get("eventsEnabled").asBoolean()).isTrue();
        assertThat(events.get("eventsExpiration").asLong()).isEqualTo(90L * 24 * 3600);
        assertThat(texts(events.get("enabledEventTypes"))).contains("LOGIN", "LOGIN_ERROR", "UPDATE_TOTP");
        assertThat(events.get("eventsListeners")).as("stored, not written to the server's log").isEmpty();
        assertThat(events.get("adminEventsEnabled").asBoolean()).isTrue();
        assertThat(events.get("adminEventsDetailsEnabled").asBoolean()).as("no user data in admin events").isFalse();
        assertThat(realm.at("/attributes/adminEventsExpiration").asText()).isEqualTo(Long.toString(90L * 24 * 3600));
    }

    @Test
    void itsBrowserFlowAsksClinicansAndAdministratorsForAOneTimeCode(KeycloakServer keycloak) {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        String name = ProductionRealmImports.asIs(keycloak);

        JsonNode realm = admin.get("/" + name);
        JsonNode executions = admin.get("/" + name + "/authentication/flows/"
                + Oidc.encode(ProductionRealm.BROWSER_FLOW).replace("+", "%20") + "/executions");
        List<String> roleConditions = new ArrayList<>();
        int otpForms = 0;
        for (JsonNode execution : executions) {
            String provider = execution.path("providerId").asText();
            if (provider.equals("conditional-user-role")) {
                JsonNode config = admin.get("/" + name + "/authentication/config/"
                        + execution.get("authenticationConfig").asText()).get("config");
                roleConditions.add((config.get("negate").asBoolean() ? "not " : "") + config.get("condUserRole").asText());
            }
            if (provider.equals("auth-otp-form")) {
                otpForms++;
                assertThat(execution.get("requirement").asText()).isEqualTo("REQUIRED");
            }
        }

        assertThat(realm.get("browserFlow").asText()).isEqualTo(ProductionRealm.BROWSER_FLOW);
        assertThat(roleConditions).containsExactlyInAnyOrder("clinician", "admin", "not clinician");
        assertThat(otpForms).isEqualTo(2);
        assertThat(realm.get("otpPolicyType").asText()).isEqualTo("totp");
        assertThat(requiredAction(admin, name, "CONFIGURE_TOTP").get("enabled").asBoolean()).isTrue();
    }

    @Test
    void noClientOfTheRealmHasThePasswordGrantAndTheBrowserClientOnlyExactHttpsUrisAndBackChannelLogout(
            KeycloakServer keycloak) {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        String name = ProductionRealmImports.asIs(keycloak);
        String origin = ProductionRealm.PLACEHOLDER_ORIGIN;

        JsonNode clients = admin.get("/" + name + "/clients");
        JsonNode web = admin.get("/" + name + "/clients?clientId=" + DemoRealm.WEB_CLIENT).get(0);

        assertThat(clients).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode client : clients) {
            assertThat(client.get("directAccessGrantsEnabled").asBoolean()).as(client.get("clientId").asText())
                    .isFalse();
        }
        assertThat(texts(web.get("redirectUris"))).containsExactly(origin + DemoRealm.REDIRECT_PATH);
        assertThat(texts(web.get("webOrigins"))).containsExactly(origin);
        assertThat(web.at("/attributes/post.logout.redirect.uris").asText().split("##"))
                .containsExactlyInAnyOrder(origin + "/intake", origin + "/clinician");
        assertThat(web.at("/attributes/pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(web.at("/attributes/backchannel.logout.url").asText())
                .isEqualTo(origin + DemoRealm.BACK_CHANNEL_LOGOUT_PATH);
        assertThat(web.at("/attributes/backchannel.logout.session.required").asText()).isEqualTo("true");
        assertThat(web.get("frontchannelLogout").asBoolean()).isFalse();
    }

    @Test
    void plainHttpIsRefusedByTheRealmAsTheFileHasIt(KeycloakServer keycloak) throws Exception {
        String name = ProductionRealmImports.asIs(keycloak);

        HttpResponse<String> response = Oidc.postForm(Oidc.http(), tokenUri(keycloak, name),
                Map.of("grant_type", "client_credentials"), DemoRealm.EHR_CLIENT, "anything");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("HTTPS required");
    }

    @Test
    void thePasswordGrantIsRefusedAndScriptsGetADeviceCodeInstead(KeycloakServer keycloak) throws Exception {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        String name = ProductionRealmImports.overHttp(keycloak);
        try (KeycloakAdmin.TemporaryUser user = admin.temporaryUser(name, "script-user", DemoRealm.ROLE_PATIENT)) {
            for (String clientId : List.of(DemoRealm.CLI_CLIENT, "admin-cli")) {
                HttpResponse<String> grant = Oidc.postForm(Oidc.http(), tokenUri(keycloak, name), Map.of(
                        "grant_type", "password", "client_id", clientId, "username", user.username(),
                        "password", user.password()),
                        null, null);
                assertThat(grant.statusCode()).as(clientId).isBetween(400, 401);
                assertThat(Oidc.json(grant.body()).get("error").asText()).as(clientId).isEqualTo("unauthorized_client");
            }

            HttpResponse<String> device = Oidc.postForm(Oidc.http(),
                    keycloak.baseUrl() + "/realms/" + name + "/protocol/openid-connect/auth/device",
                    Map.of("client_id", DemoRealm.CLI_CLIENT, "scope", "openid"), null, null);

            assertThat(device.statusCode()).as(device.body()).isEqualTo(200);
            JsonNode body = Oidc.json(device.body());
            assertThat(body.get("device_code").asText()).isNotBlank();
            assertThat(body.get("user_code").asText()).isNotBlank();
            assertThat(body.get("verification_uri").asText()).startsWith(keycloak.baseUrl() + "/realms/" + name);
        }
    }

    @Test
    void thePasswordPolicyRefusesShortPasswordsAndTheUserNameAndKeepsAHistory(KeycloakServer keycloak) {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        String name = ProductionRealmImports.overHttp(keycloak);
        try (KeycloakAdmin.TemporaryUser user = admin.temporaryUser(name, "policy-user", DemoRealm.ROLE_PATIENT)) {
            int shortOne = resetPassword(user, "Short-pw-11");
            int theUserName = resetPassword(user, user.username());
            int theSameAgain = resetPassword(user, user.password());
            int aNewOne = resetPassword(user, KeycloakAdmin.randomPassword());

            assertThat(shortOne).isEqualTo(400);
            assertThat(theUserName).isEqualTo(400);
            assertThat(theSameAgain).as("the password history").isEqualTo(400);
            assertThat(aNewOne).isEqualTo(204);
        }
    }

    @Test
    void theDeployerSetsTheEhrClientsSecretAndItsClientCredentialsThenWork(KeycloakServer keycloak) throws Exception {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        String name = ProductionRealmImports.overHttp(keycloak);
        String clientUuid = admin.get("/" + name + "/clients?clientId=" + DemoRealm.EHR_CLIENT).get(0).get("id").asText();

        HttpResponse<String> regenerated = admin.send("POST", "/" + name + "/clients/" + clientUuid + "/client-secret",
                null);
        String secret = Oidc.json(regenerated.body()).get("value").asText();
        HttpResponse<String> tokens = Oidc.postForm(Oidc.http(), tokenUri(keycloak, name),
                Map.of("grant_type", "client_credentials"), DemoRealm.EHR_CLIENT, secret);

        assertThat(regenerated.statusCode()).isEqualTo(200);
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(DemoRealm.EHR_CLIENT_SECRET);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(Oidc.claims(Oidc.json(tokens.body()).get("access_token").asText()).get("aud").toString())
                .contains(DemoRealm.EHR_AUDIENCE).doesNotContain(DemoRealm.API_AUDIENCE);
    }

    private static int resetPassword(KeycloakAdmin.TemporaryUser user, String password) {
        return user.admin().send("PUT", "/" + user.realm() + "/users/" + user.id() + "/reset-password",
                Map.of("type", "password", "value", password, "temporary", false)).statusCode();
    }

    private static JsonNode requiredAction(KeycloakAdmin admin, String realm, String alias) {
        return admin.get("/" + realm + "/authentication/required-actions/" + alias);
    }

    private static String tokenUri(KeycloakServer keycloak, String realm) {
        return keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
