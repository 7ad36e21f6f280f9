package org.example.intake.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The admin REST API of the test server, as its bootstrap admin of the {@code master} realm (a fresh token per
 * call: the master realm's tokens live one minute). For tests that create their own users and realms.
 */
final class KeycloakAdmin {

    private final KeycloakServer keycloak;
    private final HttpClient http = Oidc.http();

    KeycloakAdmin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    HttpResponse<String> send(String method, String path, Object body) {
        try {
            String json = body == null ? null : Oidc.JSON.writeValueAsString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms" + path))
                    .header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs {@code path} and returns its JSON; fails unless 200. */
    JsonNode get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        expect(response, 200, "GET " + path);
        return Oidc.json(response.body());
    }

    /** Creates an enabled user with a verified e-mail, this password and realm role; returns its id. */
    String createUser(String realm, String username, String password, String role) {
        ObjectNode user = Oidc.JSON.createObjectNode()
                .put("username", username).put("enabled", true).put("email", username + "@example.org")
                .put("emailVerified", true).put("firstName", "Test").put("lastName", "User");
        user.putArray("credentials").addObject().put("type", "password").put("value", password)
                .put("temporary", false);
        expect(send("POST", "/" + realm + "/users", user), 201, "create user " + username);
        String id = get("/" + realm + "/users?exact=true&username=" + username).get(0).get("id").asText();
        JsonNode roleRep = get("/" + realm + "/roles/" + role);
        expect(send("POST", "/" + realm + "/users/" + id + "/role-mappings/realm",
                Oidc.JSON.createArrayNode().add(roleRep)), 204, "give " + username + " role " + role);
        return id;
    }

    /** A user of a test's own, deleted on close: name {@code prefix-<8 hex digits>}, a random password, one role. */
    record TemporaryUser(KeycloakAdmin admin, String realm, String id, String username, String password)
            implements AutoCloseable {

        @Override
        public void close() {
            admin.deleteUser(realm, id);
        }
    }

    TemporaryUser temporaryUser(String realm, String prefix, String role) {
        String username = uniqueName(prefix);
        String password = randomPassword();
        return new TemporaryUser(this, realm, createUser(realm, username, password, role), username, password);
    }

    void deleteUser(String realm, String id) {
        expect(send("DELETE", "/" + realm + "/users/" + id, null), 204, "delete user " + id);
    }

    /**
     * Imports the classpath realm file {@code resource} as realm {@code name} (its other contents unchanged but its
     * users' ids, which the server makes anew).
     */
    void importRealm(String resource, String name, Map<String, Object> overrides) {
        ObjectNode realm;
        try (InputStream in = KeycloakAdmin.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + resource);
            }
            realm = (ObjectNode) Oidc.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        realm.put("realm", name);
        // the demo realm's users have fixed ids, which a second import beside the demo realm would clash with
        realm.path("users").forEach(user -> ((ObjectNode) user).remove("id"));
        overrides.forEach((key, value) -> realm.set(key, Oidc.JSON.valueToTree(value)));
        expect(send("POST", "", realm), 201, "import " + resource + " as " + name);
    }

    /** A user name of its own for a test: {@code prefix-} and eight random hex digits. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A random password of 24 characters that meets the production realm's policy. */
    static String randomPassword() {
        return "Pw-" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    }

    private String token() throws IOException, InterruptedException {
        HttpResponse<String> response = Oidc.postForm(http, keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", keycloak.adminUsername().orElseThrow(() -> new IllegalStateException(
                                "The admin API needs a server this JVM started (its bootstrap admin)")),
                        "password", keycloak.adminPassword().orElseThrow()), null, null);
        expect(response, 200, "admin token");
        return Oidc.json(response.body()).get("access_token").asText();
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
