package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The production realm file: the demo realm's names and claims, without its users, secrets and conveniences. */
class ProductionRealmFileUnitTests {

    private final JsonNode production = read(ProductionRealm.RESOURCE);
    private final JsonNode demo = read(DemoRealm.RESOURCE);

    @Test
    void itHasTheDemoRealmsNameRolesClientsMappersAndUserProfile() {
        assertThat(production.get("realm").asText()).isEqualTo(DemoRealm.NAME);
        assertThat(production.at("/roles/realm")).isEqualTo(demo.at("/roles/realm"));
        assertThat(production.get("components")).isEqualTo(demo.get("components"));
        for (String clientId : List.of(DemoRealm.WEB_CLIENT, DemoRealm.CLI_CLIENT, DemoRealm.EHR_CLIENT)) {
            assertThat(client(production, clientId).get("protocolMappers")).as(clientId)
                    .isEqualTo(client(demo, clientId).get("protocolMappers"));
            assertThat(client(production, clientId).get("publicClient")).as(clientId)
                    .isEqualTo(client(demo, clientId).get("publicClient"));
        }
    }

    @Test
    void itHoldsNoUsersNoCredentialsAndNoSecrets() {
        String text = production.toString();

        assertThat(production.has("users")).isFalse();
        assertThat(text).doesNotContain("\"secret\"", "\"credentials\"", "\"password\"", "demo-secret");
        for (JsonNode client : production.get("clients")) {
            assertThat(client.has("secret")).as(client.get("clientId").asText()).isFalse();
        }
    }

    @Test
    void itRequiresHttpsEverywhereAndListsExactHttpsUrisOnThePlaceholderOrigin() {
        JsonNode web = client(production, DemoRealm.WEB_CLIENT);
        String origin = ProductionRealm.PLACEHOLDER_ORIGIN;

        assertThat(production.get("sslRequired").asText()).isEqualTo("all");
        assertThat(texts(web.get("redirectUris"))).containsExactly(origin + DemoRealm.REDIRECT_PATH);
        assertThat(texts(web.get("webOrigins"))).containsExactly(origin);
        assertThat(web.at("/attributes/post.logout.redirect.uris").asText().split("##"))
                .containsExactly(origin + "/intake", origin + "/clinician");
        assertThat(web.at("/attributes/pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(web.at("/attributes/backchannel.logout.url").asText())
                .isEqualTo(origin + DemoRealm.BACK_CHANNEL_LOGOUT_PATH);
        assertThat(web.at("/attributes/backchannel.logout.session.required").asText()).isEqualTo("true");
        assertThat(web.get("frontchannelLogout").asBoolean()).isFalse();
        assertThat(production.toString()).doesNotContain("http://", "*\"", "\"+\"");
    }

    @Test
    void noClientMayUseThePasswordGrantAndScriptsUseTheDeviceGrant() {
        for (JsonNode client : production.get("clients")) {
            assertThat(client.get("directAccessGrantsEnabled").asBoolean()).as(client.get("clientId").asText())
                    .isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        }
        assertThat(texts(production.get("clients"), "clientId")).contains("admin-cli");
        assertThat(client(production, DemoRealm.CLI_CLIENT).at("/attributes/oauth2.device.authorization.grant.enabled")
                .asText()).isEqualTo("true");
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.get("clients")) {
            if (client.get("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private static List<String> texts(JsonNode array) {
        return texts(array, null);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(field == null ? n.asText() : n.get(field).asText()));
        return texts;
    }

    static JsonNode read(String resource) {
        try (InputStream in = ProductionRealmFileUnitTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return Oidc.json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
