package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The realm file agrees with the names in {@link DemoRealm}, which other modules' code and tests use. */
class DemoRealmFileUnitTests {

    private final JsonNode realm = Oidc.json(new String(KeycloakHome.realmFile(),
            StandardCharsets.UTF_8));

    @Test
    void theRealmAndItsRolesHaveTheNamesInDemoRealm() {
        assertThat(realm.get("realm").asText()).isEqualTo(DemoRealm.NAME);
        assertThat(texts(realm.at("/roles/realm"), "name"))
                .containsExactlyInAnyOrder(DemoRealm.ROLE_PATIENT, DemoRealm.ROLE_CLINICIAN, DemoRealm.ROLE_ADMIN);
    }

    @Test
    void theConfidentialClientsHaveTheSecretsInDemoRealm() {
        assertThat(client(DemoRealm.WEB_CLIENT).get("secret").asText()).isEqualTo(DemoRealm.WEB_CLIENT_SECRET);
        assertThat(client(DemoRealm.EHR_CLIENT).get("secret").asText()).isEqualTo(DemoRealm.EHR_CLIENT_SECRET);
        assertThat(client(DemoRealm.CLI_CLIENT).get("publicClient").asBoolean()).isTrue();
    }

    @Test
    void everyDemoUserIsInTheFileWithItsRolePatientIdAndReadyToLogIn() {
        for (DemoRealm.User user : DemoRealm.USERS) {
            JsonNode rep = user(user.username());

            assertThat(texts(rep.get("realmRoles"), null)).as(user.username()).contains(user.role());
            assertThat(rep.at("/attributes/fhir_patient_id/0").asText(null)).as(user.username())
                    .isEqualTo(user.fhirPatientId());
            assertThat(rep.at("/credentials/0/value").asText()).isEqualTo(user.password());
            assertThat(rep.at("/credentials/0/temporary").asBoolean()).isFalse();
            assertThat(rep.get("requiredActions")).isEmpty();
            assertThat(rep.get("emailVerified").asBoolean()).isTrue();
            assertThat(rep.get("firstName").asText()).isNotBlank();
            assertThat(rep.get("lastName").asText()).isNotBlank();
        }
    }

    @Test
    void theUserProfileDeclaresTheFhirPatientIdEditableByAdminsOnly() {
        JsonNode profile = Oidc.json(realm
                .at("/components/org.keycloak.userprofile.UserProfileProvider/0/config/kc.user.profile.config/0")
                .asText());
        JsonNode attribute = null;
        for (JsonNode a : profile.get("attributes")) {
            if (a.get("name").asText().equals(DemoRealm.PATIENT_ID_CLAIM)) {
                attribute = a;
            }
        }

        assertThat(attribute).isNotNull();
        assertThat(texts(attribute.at("/permissions/edit"), null)).containsExactly("admin");
    }

    @Test
    void theBrowserClientListsItsExactCallbackPostLogoutPagesAndOriginsWithoutWildcards() {
        JsonNode web = client(DemoRealm.WEB_CLIENT);

        assertThat(texts(web.get("redirectUris"), null)).containsExactlyInAnyOrder(
                "http://localhost" + DemoRealm.REDIRECT_PATH, "http://127.0.0.1" + DemoRealm.REDIRECT_PATH);
        assertThat(List.of(web.at("/attributes/post.logout.redirect.uris").asText().split("##")))
                .containsExactlyInAnyOrder("http://localhost/intake", "http://localhost/clinician",
                        "http://127.0.0.1/intake", "http://127.0.0.1/clinician");
        assertThat(texts(web.get("webOrigins"), null)).isNotEmpty()
                .allMatch(origin -> origin.matches("http://(localhost|127\\.0\\.0\\.1):80(80|81)"));
        assertThat(realm.toString()).doesNotContain("*\"", "\"+\"");
    }

    @Test
    void theBrowserClientIsSentLogoutTokensWithTheSessionAtTheDemoHostsBackChannelEndpoint() {
        JsonNode web = client(DemoRealm.WEB_CLIENT);

        assertThat(web.at("/attributes/backchannel.logout.url").asText())
                .isEqualTo("http://localhost:8080" + DemoRealm.BACK_CHANNEL_LOGOUT_PATH);
        assertThat(web.at("/attributes/backchannel.logout.session.required").asText()).isEqualTo("true");
        assertThat(web.get("frontchannelLogout").asBoolean()).as("Keycloak skips back-channel clients marked front-channel")
                .isFalse();
    }

    @Test
    void bruteForceProtectionLocksForAWhileNotForGood() {
        assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.get("permanentLockout").asBoolean()).isFalse();
        assertThat(realm.get("failureFactor").asInt()).isEqualTo(DemoRealm.LOCKOUT_FAILURES);
        assertThat(realm.get("waitIncrementSeconds").asInt()).isEqualTo(60);
    }

    @Test
    void theScriptsClientKeepsThePasswordGrant() {
        assertThat(client(DemoRealm.CLI_CLIENT).get("directAccessGrantsEnabled").asBoolean()).isTrue();
    }

    @Test
    void theSmartTestAppIsPublicWithPkceS256ItsOneCallbackAndEverySmartScopeButSystem() {
        JsonNode app = client("smart-test-app");

        assertThat(app.get("publicClient").asBoolean()).isTrue();
        assertThat(app.get("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(app.at("/attributes/pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(texts(app.get("redirectUris"), null)).containsExactly("http://localhost:9999/callback");
        assertThat(texts(app.get("optionalClientScopes"), null)).contains("launch", "launch/patient", "fhirUser",
                "patient/*.rs", "patient/QuestionnaireResponse.cu", "user/*.rs").doesNotContain("system/*.cruds");
    }

    @Test
    void systemScopesGoToTheEhrClientAloneAndUserScopesToCliniciansAlone() {
        for (JsonNode client : realm.get("clients")) {
            List<String> scopes = new ArrayList<>(texts(client.path("defaultClientScopes"), null));
            scopes.addAll(texts(client.path("optionalClientScopes"), null));
            assertThat(scopes.contains("system/*.cruds")).as(client.get("clientId").asText())
                    .isEqualTo(client.get("clientId").asText().equals(DemoRealm.EHR_CLIENT));
        }
        assertThat(realm.at("/scopeMappings/0/clientScope").asText()).isEqualTo("user/*.rs");
        assertThat(texts(realm.at("/scopeMappings/0/roles"), null)).containsExactly(DemoRealm.ROLE_CLINICIAN);
    }

    @Test
    void theRealmKeepsKeycloaksBuiltInScopesBesideTheSmartOnes() {
        assertThat(texts(realm.get("clientScopes"), "name")).contains("profile", "email", "roles", "web-origins",
                "basic", "acr", "offline_access", "launch", "launch/patient", "fhirUser", "patient/*.rs",
                "patient/QuestionnaireResponse.cu", "user/*.rs", "system/*.cruds");
        assertThat(texts(realm.get("defaultDefaultClientScopes"), null))
                .contains("profile", "email", "roles", "web-origins", "basic", "acr");
    }

    private JsonNode client(String clientId) {
        for (JsonNode client : realm.get("clients")) {
            if (client.get("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private JsonNode user(String username) {
        for (JsonNode user : realm.get("users")) {
            if (user.get("username").asText().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no user " + username);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(field == null ? n.asText() : n.get(field).asText()));
        return texts;
    }
}
