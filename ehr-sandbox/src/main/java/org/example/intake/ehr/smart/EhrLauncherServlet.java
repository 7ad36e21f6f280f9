package org.example.intake.ehr.smart;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The EHR launcher: {@code GET /ehr/launch?patient=<id>[&client=<client id>]} has a clinician log in through the realm
 * (authorization code with PKCE, public client {@value #LAUNCHER_CLIENT}, callback {@value #CALLBACK_PATH}), then
 * issues a launch value for that patient and client and sends the browser to the app's launch URL with
 * {@code iss} (this FHIR base) and {@code launch}. Anyone without the realm role {@code clinician} gets 403.
 */
final class EhrLauncherServlet extends HttpServlet {

    static final String LAUNCH_PATH = "/ehr/launch";
    static final String CALLBACK_PATH = "/ehr/launch/callback";
    static final String LAUNCHER_CLIENT = "ehr-launcher";
    private static final String PENDING = EhrLauncherServlet.class.getName() + ".pending";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the launcher remembers between the login redirect and the callback. */
    private record Pending(String patient, String client, String state, String verifier) implements java.io.Serializable {
    }

    private final SmartSettings settings;
    private final LaunchValues launches;
    private final JwtDecoder tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final SecureRandom random = new SecureRandom();

    EhrLauncherServlet(SmartSettings settings, LaunchValues launches, JwtDecoder tokens) {
        this.settings = settings;
        this.launches = launches;
        this.tokens = tokens;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (CALLBACK_PATH.equals(request.getServletPath())) {
            callback(request, response);
        } else {
            start(request, response);
        }
    }

    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String patient = request.getParameter("patient");
        String client = request.getParameter("client") == null ? settings.launchClient() : request.getParameter("client");
        try {
            launches.issue(patient, client);
        } catch (IllegalArgumentException e) {
            response.sendError(400, "patient and client must be plain ids");
            return;
        }
        Pending pending = new Pending(patient, client, randomText(), randomText());
        request.getSession(true).setAttribute(PENDING, pending);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", LAUNCHER_CLIENT);
        query.put("redirect_uri", callbackUri(request));
        query.put("scope", "openid");
        query.put("state", pending.state());
        query.put("code_challenge", challenge(pending.verifier()));
        query.put("code_challenge_method", "S256");
        response.sendRedirect(settings.oidcEndpoint("auth") + "?" + form(query));
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Pending pending = session == null ? null : (Pending) session.getAttribute(PENDING);
        if (pending == null || !pending.state().equals(request.getParameter("state"))
                || request.getParameter("code") == null) {
            response.sendError(400, "no launch is waiting for this login");
            return;
        }
        session.removeAttribute(PENDING);
        Jwt token = exchange(request.getParameter("code"), pending.verifier(), callbackUri(request));
        if (token == null || !isClinician(token)) {
            response.sendError(403, "only clinicians may launch apps");
            return;
        }
        String fhirBase = origin(request) + "/fhir";
        response.sendRedirect(settings.appLaunchUrl() + "?" + form(Map.of(
                "iss", fhirBase, "launch", launches.issue(pending.patient(), pending.client()))));
    }

    /** The access token for {@code code}, checked like the FHIR API's but without the audience; null if refused. */
    private Jwt exchange(String code, String verifier, String redirectUri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.oidcEndpoint("token")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "grant_type", "authorization_code", "client_id", LAUNCHER_CLIENT, "code", code,
                        "redirect_uri", redirectUri, "code_verifier", verifier))))
                .build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return null;
            }
            JsonNode body = JSON.readTree(answer.body());
            return tokens.decode(body.path("access_token").asText());
        } catch (JwtException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean isClinician(Jwt token) {
        Map<String, Object> realmAccess = token.getClaimAsMap("realm_access");
        return realmAccess != null && realmAccess.get("roles") instanceof java.util.Collection<?> roles
                && roles.contains("clinician");
    }

    private static String callbackUri(HttpServletRequest request) {
        return origin(request) + CALLBACK_PATH;
    }

    private static String origin(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
    }

    private String randomText() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
