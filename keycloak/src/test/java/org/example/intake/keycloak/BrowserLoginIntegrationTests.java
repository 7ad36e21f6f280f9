package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser client {@code intake-web} as a browser and the web app meet it: authorization code flow with
 * PKCE S256 required, the exact callback and post-logout URIs on any localhost port, nothing between the login
 * form and the app.
 * Plain HTTP, carrying the login page's cookies, stands in for the browser; nothing listens at the redirect
 * URIs.
 */
@ExtendWith(KeycloakExtension.class)
class BrowserLoginIntegrationTests {

    private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");

    @Test
    void anAuthorizationRequestWithoutACodeChallengeIsRefused(KeycloakServer keycloak) throws Exception {
        String redirectUri = appRedirectUri(8080);

        HttpResponse<String> response = Oidc.get(browser(), authorizationUri(keycloak, redirectUri, "s1", Map.of()));

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?");
        assertThat(Oidc.query(location)).containsEntry("error", "invalid_request").containsEntry("state", "s1")
                .doesNotContainKey("code");
        assertThat(Oidc.query(location).get("error_description")).contains("code_challenge");
    }

    @Test
    void aPlainCodeChallengeIsRefused(KeycloakServer keycloak) throws Exception {
        String redirectUri = appRedirectUri(8080);
        Oidc.Pkce pkce = Oidc.Pkce.generate();

        HttpResponse<String> response = Oidc.get(browser(), authorizationUri(keycloak, redirectUri, "s2",
                Map.of("code_challenge", pkce.verifier(), "code_challenge_method", "plain")));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Oidc.query(response.headers().firstValue("Location").orElseThrow()))
                .containsEntry("error", "invalid_request").doesNotContainKey("code");
    }

    @Test
    void aLoginWithPkceGoesStraightBackToTheAppOnAnyLocalhostPortAndItsCodeGivesTokens(KeycloakServer keycloak)
            throws Exception {
        String redirectUri = appRedirectUri(freePort());
        Oidc.Pkce pkce = Oidc.Pkce.generate();

        Map<String, String> callback = logIn(keycloak, redirectUri, pkce, "alex");
        HttpResponse<String> tokens = exchange(keycloak, redirectUri, callback.get("code"), pkce.verifier());

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = Oidc.json(tokens.body());
        JsonNode access = Oidc.claims(body.get("access_token").asText());
        JsonNode id = Oidc.claims(body.get("id_token").asText());
        assertThat(access.get("azp").asText()).isEqualTo(DemoRealm.WEB_CLIENT);
        assertThat(access.get("aud").toString()).contains(DemoRealm.API_AUDIENCE);
        assertThat(access.get("fhir_patient_id").asText()).isEqualTo("alex");
        assertThat(access.at("/realm_access/roles").toString()).contains("\"patient\"");
        assertThat(access.get("iss").asText()).isEqualTo(keycloak.issuerUri());
        assertThat(id.get("fhir_patient_id").asText()).isEqualTo("alex");
        assertThat(id.get("aud").asText()).isEqualTo(DemoRealm.WEB_CLIENT);
    }

    @Test
    void theAppMayAlsoBeReachedAs127001OnAnyPort(KeycloakServer keycloak) throws Exception {
        String redirectUri = appRedirectUri("127.0.0.1", freePort());
        Oidc.Pkce pkce = Oidc.Pkce.generate();

        Map<String, String> callback = logIn(keycloak, redirectUri, pkce, "casey");
        HttpResponse<String> tokens = exchange(keycloak, redirectUri, callback.get("code"), pkce.verifier());

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(Oidc.claims(Oidc.json(tokens.body()).get("access_token").asText()).get("fhir_patient_id")
                .asText()).isEqualTo("casey");
    }

    @Test
    void theCodeIsNotExchangedWithoutItsVerifier(KeycloakServer keycloak) throws Exception {
        String redirectUri = appRedirectUri(freePort());
        Oidc.Pkce pkce = Oidc.Pkce.generate();
        Map<String, String> callback = logIn(keycloak, redirectUri, pkce, "dr-sam");

        HttpResponse<String> withoutVerifier = exchange(keycloak, redirectUri, callback.get("code"), null);

        assertThat(withoutVerifier.statusCode()).isEqualTo(400);
        assertThat(Oidc.json(withoutVerifier.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aRedirectUriOtherThanTheExactCallbackIsRefusedWithoutARedirect(KeycloakServer keycloak) throws Exception {
        Oidc.Pkce pkce = Oidc.Pkce.generate();
        Map<String, String> s256 = Map.of("code_challenge", pkce.challenge(), "code_challenge_method", "S256");

        for (String foreign : new String[] {"http://evil.example/intake/login/oauth2/code/intake",
                "http://localhost:8080/intake/login/oauth2/code/other",
                "http://localhost:8080/intake/login/oauth2/code/intake/more",
                "http://localhost:8080/",
                "http://127.0.0.1:8081/clinician",
                "http://localhost.evil.example:8080/intake/login/oauth2/code/intake",
                "http://127.0.0.1.evil.example/intake/login/oauth2/code/intake",
                "https://localhost:8443/intake/login/oauth2/code/intake"}) {
            HttpResponse<String> response = Oidc.get(browser(), authorizationUri(keycloak, foreign, "s3", s256));

            assertThat(response.statusCode()).as(foreign).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).as(foreign).isEmpty();
            assertThat(response.body()).as(foreign).contains("redirect_uri");
        }
    }

    @Test
    void theExactCallbackIsAcceptedOnTheDemoTheClinicHostAndARandomPort(KeycloakServer keycloak) throws Exception {
        Oidc.Pkce pkce = Oidc.Pkce.generate();
        Map<String, String> s256 = Map.of("code_challenge", pkce.challenge(), "code_challenge_method", "S256");

        for (String redirectUri : new String[] {appRedirectUri(8080), appRedirectUri(8081),
                appRedirectUri(freePort()), appRedirectUri("127.0.0.1", 8080)}) {
            HttpResponse<String> response = Oidc.get(browser(), authorizationUri(keycloak, redirectUri, "s5", s256));

            assertThat(response.statusCode()).as(redirectUri).isEqualTo(200);
            assertThat(FORM_ACTION.matcher(response.body()).find()).as(redirectUri).isTrue();
        }
    }

    @Test
    void aLogoutReturnsToTheExactPatientOrClinicianLandingPageOnAnyLocalhostPort(KeycloakServer keycloak)
            throws Exception {
        int port = freePort();
        String redirectUri = appRedirectUri(port);
        Oidc.Pkce pkce = Oidc.Pkce.generate();
        Map<String, String> callback = logIn(keycloak, redirectUri, pkce, "casey");
        String idToken = Oidc.json(exchange(keycloak, redirectUri, callback.get("code"), pkce.verifier()).body())
                .get("id_token").asText();
        String landing = "http://localhost:" + port + "/intake";

        HttpResponse<String> logout = Oidc.get(browser(), keycloak.issuerUri() + "/protocol/openid-connect/logout?"
                + Oidc.formBody(Map.of("id_token_hint", idToken, "post_logout_redirect_uri", landing, "state", "s6")));

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).isEqualTo(landing + "?state=s6");
        for (String accepted : new String[] {"http://localhost:8080/intake", "http://localhost:8080/clinician",
                "http://127.0.0.1:8081/clinician", "http://localhost:" + freePort() + "/clinician"}) {
            assertThat(postLogoutStatus(keycloak, accepted)).as(accepted).isEqualTo(302);
        }
    }

    @Test
    void aLogoutToAnyOtherPageIsRefused(KeycloakServer keycloak) throws Exception {
        for (String foreign : new String[] {"http://evil.example/intake", "http://localhost:8080/intake/",
                "http://localhost:8080/intake/anything", "http://localhost:8080/", "https://localhost:8080/intake",
                "http://localhost.evil.example:8080/clinician"}) {
            assertThat(postLogoutStatus(keycloak, foreign)).as(foreign).isEqualTo(400);
        }
    }

    /** The status of a logout without a session naming {@code intake-web}: 302 to an allowed URI, 400 otherwise. */
    private static int postLogoutStatus(KeycloakServer keycloak, String postLogoutRedirectUri) throws Exception {
        return Oidc.get(browser(), keycloak.issuerUri() + "/protocol/openid-connect/logout?" + Oidc.formBody(Map.of(
                "client_id", DemoRealm.WEB_CLIENT, "post_logout_redirect_uri", postLogoutRedirectUri))).statusCode();
    }

    /** Opens the login page, submits the user's password, and returns the parameters of the app's callback. */
    private static Map<String, String> logIn(KeycloakServer keycloak, String redirectUri, Oidc.Pkce pkce,
            String username) throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> loginPage = Oidc.get(browser, authorizationUri(keycloak, redirectUri, "s4",
                Map.of("code_challenge", pkce.challenge(), "code_challenge_method", "S256")));
        assertThat(loginPage.statusCode()).as("the login page").isEqualTo(200);
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        assertThat(action.find()).as("a login form in %s", loginPage.body()).isTrue();

        HttpResponse<String> afterLogin = browser.send(HttpRequest.newBuilder(URI.create(
                action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookies(loginPage))
                .POST(HttpRequest.BodyPublishers.ofString(Oidc.formBody(
                        Map.of("username", username, "password", username, "credentialId", ""))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(afterLogin.statusCode()).as("straight back to the app, no page in between: %s %s",
                afterLogin.headers().map(), afterLogin.body()).isEqualTo(302);
        String location = afterLogin.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?");
        Map<String, String> callback = Oidc.query(location);
        assertThat(callback).containsEntry("state", "s4").containsKey("code").doesNotContainKey("error");
        assertThat(callback.get("iss")).isEqualTo(keycloak.issuerUri());
        return callback;
    }

    private static HttpResponse<String> exchange(KeycloakServer keycloak, String redirectUri, String code,
            String verifier) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return Oidc.postForm(Oidc.http(), keycloak.tokenUri(), form, DemoRealm.WEB_CLIENT,
                DemoRealm.WEB_CLIENT_SECRET);
    }

    private static String authorizationUri(KeycloakServer keycloak, String redirectUri, String state,
            Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", DemoRealm.WEB_CLIENT);
        params.put("response_type", "code");
        params.put("scope", "openid");
        params.put("redirect_uri", redirectUri);
        params.put("state", state);
        params.putAll(extra);
        return keycloak.issuerUri() + "/protocol/openid-connect/auth?" + Oidc.formBody(params);
    }

    /** The web-form plugin's callback path (its registration is named intake) on a localhost port. */
    private static String appRedirectUri(int port) {
        return appRedirectUri("localhost", port);
    }

    private static String appRedirectUri(String host, int port) {
        return "http://" + host + ":" + port + DemoRealm.REDIRECT_PATH;
    }

    /**
     * The cookies a response sets, as a {@code Cookie} header. By hand: java.net.CookieManager files cookies of
     * a dotless host such as localhost under "localhost.local" and never sends them back.
     */
    private static String cookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .collect(Collectors.joining("; "));
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
