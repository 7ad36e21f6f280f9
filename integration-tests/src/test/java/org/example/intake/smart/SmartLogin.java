package org.example.intake.smart;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.example.intake.keycloak.KeycloakServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A SMART app's authorization code flow with PKCE S256 against the real Keycloak, as a browser would run it: the
 * authorization request, the login form, the redirect with the code, the token request. Each login has its own
 * cookies (a fresh browser).
 */
final class SmartLogin {

    static final String CLIENT = "smart-test-app";
    static final String REDIRECT_URI = "http://localhost:9999/callback";
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the token endpoint answered. */
    record TokenAnswer(int status, JsonNode body) {

        String accessToken() {
            return body.path("access_token").asText();
        }

        JsonNode idTokenClaims() {
            return claims(body.path("id_token").asText());
        }
    }

    /**
     * A browser's cookie jar for plain-http tests: Keycloak marks its login cookies {@code Secure} (with
     * {@code SameSite=None}), which the JDK's CookieManager then never sends over http; browsers make an exception
     * for localhost. Cookies are kept by host, name and value only.
     */
    private static final class Cookies extends CookieHandler {

        private final Map<String, Map<String, String>> byHost = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            Map<String, String> cookies = byHost.getOrDefault(uri.getHost(), Map.of());
            return cookies.isEmpty() ? Map.of() : Map.of("Cookie", List.of(cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "))));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if ("Set-Cookie".equalsIgnoreCase(name)) {
                    values.forEach(header -> keep(uri.getHost(), header.split(";", 2)[0]));
                }
            });
        }

        private void keep(String host, String nameValue) {
            int eq = nameValue.indexOf('=');
            if (eq <= 0) {
                return;
            }
            Map<String, String> cookies = byHost.computeIfAbsent(host, h -> new java.util.concurrent.ConcurrentHashMap<>());
            String value = nameValue.substring(eq + 1).strip();
            if (value.isEmpty()) {
                cookies.remove(nameValue.substring(0, eq).strip());
            } else {
                cookies.put(nameValue.substring(0, eq).strip(), value);
            }
        }
    }

    private final KeycloakServer keycloak;

    SmartLogin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /**
     * Logs {@code username} in (password = user name) asking for {@code scope}, with {@code launch} as the EHR launch
     * parameter if not null, and exchanges the code.
     */
    TokenAnswer login(String username, String scope, String launch) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new Cookies())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = randomText();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", CLIENT);
        query.put("redirect_uri", REDIRECT_URI);
        query.put("scope", scope);
        query.put("state", randomText());
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        if (launch != null) {
            query.put("launch", launch);
        }
        String authorize = keycloak.issuerUri() + "/protocol/openid-connect/auth?" + form(query);
        String location = logIn(browser, authorize, username);
        String code = queryParameter(location, "code");

        HttpResponse<String> token = browser.send(HttpRequest.newBuilder(URI.create(keycloak.tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "grant_type", "authorization_code",
                        "client_id", CLIENT,
                        "redirect_uri", REDIRECT_URI,
                        "code", code,
                        "code_verifier", verifier))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new TokenAnswer(token.statusCode(), JSON.readTree(token.body()));
    }

    /** The refresh grant for {@code refreshToken}. */
    TokenAnswer refresh(String refreshToken) throws IOException, InterruptedException {
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "grant_type", "refresh_token", "client_id", CLIENT, "refresh_token", refreshToken))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new TokenAnswer(token.statusCode(), JSON.readTree(token.body()));
    }

    /**
     * Opens the EHR launcher for {@code patient} and {@code client} as {@code username} in a fresh browser and returns
     * where the launcher sends the browser in the end (the app's launch URL), or its status when it answers itself.
     */
    String ehrLauncher(String sandboxOrigin, String patient, String client, String username)
            throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new Cookies())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> launcher = browser.send(HttpRequest.newBuilder(URI.create(sandboxOrigin
                + "/ehr/launch?" + form(Map.of("patient", patient, "client", client)))).build(),
                HttpResponse.BodyHandlers.ofString());
        String toKeycloak = launcher.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("the launcher answered " + launcher.statusCode()));
        String callback = logIn(browser, toKeycloak, username);
        HttpResponse<String> end = browser.send(HttpRequest.newBuilder(URI.create(callback)).build(),
                HttpResponse.BodyHandlers.ofString());
        return end.headers().firstValue("Location").orElse("HTTP " + end.statusCode());
    }

    /** Follows {@code authorize} to the login form, logs in, returns the redirect Keycloak answers with. */
    private static String logIn(HttpClient browser, String authorize, String username)
            throws IOException, InterruptedException {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher action = FORM_ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form (HTTP " + page.statusCode() + ")");
        }
        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(
                        URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", username))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return loggedIn.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("login gave no redirect (HTTP " + loggedIn.statusCode() + ")"));
    }

    /** A JSON body as a tree. */
    static JsonNode json(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String queryParameter(String uri, String name) {
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no " + name + " in the redirect (an error: " + uri + ")");
    }

    private static String randomText() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
