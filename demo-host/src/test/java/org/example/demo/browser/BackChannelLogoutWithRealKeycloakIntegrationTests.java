package org.example.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.example.intake.keycloak.DemoRealm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Back-channel logout end to end, with the real Keycloak and the demo host: a clinician logs in on Keycloak's own
 * login page (plain HTTP carrying the cookies stands in for the browser), an administrator ends the user's sessions
 * or the one session through Keycloak's admin API, Keycloak posts a logout token to the app's back-channel endpoint,
 * and the app's session is gone within a minute: the next page request goes to the login. The realm's browser client
 * is pointed at the app's port for the test (the demo realm names port 8080), and set back after.
 */
class BackChannelLogoutWithRealKeycloakIntegrationTests {

    private static final Duration WITHIN = Duration.ofMinutes(1);
    private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static DemoStack stack;

    private String userId;
    private String username;
    private String password;
    private String formerBackChannelUrl;

    @BeforeAll
    static void startTheStackOnce() {
        stack = DemoStack.shared();
    }

    @BeforeEach
    void aClinicianOfTheTestsOwn_andKeycloakSendingLogoutTokensToThisApp() throws Exception {
        username = "bcl-" + UUID.randomUUID().toString().substring(0, 8);
        password = "Pw-" + UUID.randomUUID();
        ObjectNode user = JSON.createObjectNode().put("username", username).put("enabled", true)
                .put("email", username + "@example.org").put("emailVerified", true).put("firstName", "Back")
                .put("lastName", "Channel");
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        assertThat(admin("POST", "/users", user).statusCode()).isEqualTo(201);
        userId = JSON.readTree(admin("GET", "/users?exact=true&username=" + username, null).body()).get(0).get("id")
                .asText();
        JsonNode role = JSON.readTree(admin("GET", "/roles/" + DemoRealm.ROLE_CLINICIAN, null).body());
        assertThat(admin("POST", "/users/" + userId + "/role-mappings/realm", JSON.createArrayNode().add(role))
                .statusCode()).isEqualTo(204);
        formerBackChannelUrl = setBackChannelUrl(stack.webBaseUrl + DemoRealm.BACK_CHANNEL_LOGOUT_PATH);
    }

    @AfterEach
    void removeTheClinicianAndRestoreTheClient() throws Exception {
        setBackChannelUrl(formerBackChannelUrl);
        admin("DELETE", "/users/" + userId, null);
    }

    @Test
    void anAdministratorLoggingTheUserOutInKeycloak_endsTheAppSessionWithinAMinute() throws Exception {
        Cookies browser = new Cookies();
        assertThat(logIn(browser, "/clinician").body()).contains("id=\"queue-content\"");

        assertThat(admin("POST", "/users/" + userId + "/logout", null).statusCode()).isEqualTo(204);

        assertSentToTheLoginWithin(browser, "/clinician");
    }

    /**
     * Keycloak sends a logout token for one of the user's sessions only (one per client and request); the others end
     * when the app next asks Keycloak about them (at most every 30 seconds of their requests), within the minute.
     */
    @Test
    void anAdministratorLoggingTheUserOut_endsEveryOneOfTheUsersAppSessionsWithinAMinute() throws Exception {
        Cookies onePc = new Cookies();
        Cookies otherPc = new Cookies();
        logIn(onePc, "/clinician");
        logIn(otherPc, "/clinician");
        assertThat(JSON.readTree(admin("GET", "/users/" + userId + "/sessions", null).body())).hasSize(2);

        assertThat(admin("POST", "/users/" + userId + "/logout", null).statusCode()).isEqualTo(204);

        assertSentToTheLoginWithin(onePc, "/clinician");
        assertSentToTheLoginWithin(otherPc, "/clinician");
    }

    @Test
    void anAdministratorDeletingTheKeycloakSession_endsTheAppSessionWithinAMinute() throws Exception {
        Cookies browser = new Cookies();
        logIn(browser, "/clinician");
        JsonNode sessions = JSON.readTree(admin("GET", "/users/" + userId + "/sessions", null).body());
        assertThat(sessions).hasSize(1);

        assertThat(admin("DELETE", "/sessions/" + sessions.get(0).get("id").asText(), null).statusCode())
                .isEqualTo(204);

        assertSentToTheLoginWithin(browser, "/clinician");
    }

    private void assertSentToTheLoginWithin(Cookies browser, String page) throws Exception {
        Instant deadline = Instant.now().plus(WITHIN);
        HttpResponse<String> response = get(browser, stack.webBaseUrl + page);
        while (response.statusCode() == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            response = get(browser, stack.webBaseUrl + page);
        }
        assertThat(response.statusCode()).as("the app's session is over").isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow())
                .endsWith("/intake/oauth2/authorization/intake");
        assertThat(response.body()).doesNotContain("queue-content");
    }

    /** Opens {@code page}, follows the app and Keycloak to the login page, logs in and lands on the page. */
    private HttpResponse<String> logIn(Cookies browser, String page) throws Exception {
        HttpResponse<String> loginPage = follow(browser, get(browser, stack.webBaseUrl + page));
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        assertThat(action.find()).as("Keycloak's login form in %s", loginPage.body()).isTrue();
        HttpResponse<String> afterLogin = browser.send(HttpRequest.newBuilder(URI.create(
                action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "credentialId", ""))))
                .build());
        HttpResponse<String> landed = follow(browser, afterLogin);
        assertThat(landed.statusCode()).as("signed in: %s", landed.body()).isEqualTo(200);
        assertThat(landed.uri().toString()).startsWith(stack.webBaseUrl + page);
        return landed;
    }

    private static HttpResponse<String> follow(Cookies browser, HttpResponse<String> response) throws Exception {
        for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
            response = get(browser, response.uri().resolve(response.headers().firstValue("Location").orElseThrow())
                    .toString());
        }
        return response;
    }

    private static HttpResponse<String> get(Cookies browser, String uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(uri)).GET().build());
    }

    /**
     * The cookies of localhost, every port (as a browser keeps them: by host); by hand, since java.net.CookieManager
     * files a dotless host's cookies where it never sends them back.
     */
    private static final class Cookies {

        private final Map<String, String> values = new LinkedHashMap<>();

        HttpResponse<String> send(HttpRequest request) throws Exception {
            HttpRequest.Builder withCookies = HttpRequest.newBuilder(request.uri())
                    .method(request.method(), request.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()))
                    .timeout(Duration.ofSeconds(30));
            request.headers().map().forEach((name, list) -> list.forEach(value -> withCookies.header(name, value)));
            if (!values.isEmpty()) {
                withCookies.header("Cookie", values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = HTTP.send(withCookies.build(), HttpResponse.BodyHandlers.ofString());
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                String pair = cookie.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || cookie.toLowerCase().contains("max-age=0")) {
                    values.remove(name);
                } else {
                    values.put(name, value);
                }
            }
            return response;
        }
    }

    /** Sets the browser client's back-channel logout URL; returns the one it had. */
    private static String setBackChannelUrl(String url) throws Exception {
        ObjectNode client = (ObjectNode) JSON.readTree(admin("GET", "/clients?clientId=" + DemoRealm.WEB_CLIENT, null)
                .body()).get(0);
        ObjectNode attributes = (ObjectNode) client.get("attributes");
        String former = attributes.path("backchannel.logout.url").asText();
        attributes.put("backchannel.logout.url", url);
        assertThat(admin("PUT", "/clients/" + client.get("id").asText(), client).statusCode()).isEqualTo(204);
        return former;
    }

    /** A call to the admin API of the demo realm, as the server's bootstrap admin. */
    private static HttpResponse<String> admin(String method, String path, Object body) throws Exception {
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(stack.keycloak.baseUrl()
                + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id",
                        "admin-cli", "username", stack.keycloak.adminUsername().orElseThrow(),
                        "password", stack.keycloak.adminPassword().orElseThrow()))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.keycloak.baseUrl() + "/admin/realms/"
                + DemoRealm.NAME + path))
                .header("Authorization", "Bearer " + JSON.readTree(token.body()).get("access_token").asText())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
