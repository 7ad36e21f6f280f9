package org.example.intake.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Every page and API answer of the plugin carries its security headers (through the real chains): a
 * Content-Security-Policy without {@code unsafe-inline} that forbids framing and posts forms only to the app and the
 * issuer, no referrer, no powerful features, no caching; and the templates hold nothing such a policy would block
 * (no inline script, style attribute or event handler).
 */
@AutoConfigureMockMvc
class SecurityHeadersIntegrationTests extends WebFormTestSupport {

    @Autowired
    MockMvc mvc;

    private static RequestPostProcessor user(String name, String role, String patientId) {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-" + name, "preferred_username", name));
        return oidcLogin().oidcUser(new IntakeUser(List.of(new SimpleGrantedAuthority(role)), idToken, null, patientId));
    }

    private String submitted() {
        try {
            return new ObjectMapper().readTree(postIntake(Responses.benign().json(), TestTokens.patient("alex")).body())
                    .get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockHttpServletResponse answer(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    @Test
    void everyPageCarriesTheStrictPolicyAndTheOtherHeaders_loggedInOrNot() throws Exception {
        String id = submitted();
        RequestPostProcessor patient = user("alex", "ROLE_patient", "alex");
        RequestPostProcessor clinician = user("dr-sam", "ROLE_clinician", null);
        Map<String, MockHttpServletRequestBuilder> pages = new java.util.LinkedHashMap<>();
        pages.put("the form", get("/intake").with(patient));
        pages.put("the result", get("/intake/result/" + id).with(patient));
        pages.put("the history", get("/intake/history").with(patient));
        pages.put("the unavailable page", get("/intake/unavailable.html"));
        pages.put("a stranger sent to log in", get("/intake"));
        pages.put("the queue", get("/clinician").with(clinician));
        pages.put("the queue's rows", get("/clinician/queue-rows").with(clinician));
        pages.put("the detail", get("/clinician/intakes/" + id).with(clinician));
        pages.put("a patient at the queue (403)", get("/clinician").with(patient));
        pages.put("an asset", get("/intake/assets/intake.js"));
        for (Map.Entry<String, MockHttpServletRequestBuilder> page : pages.entrySet()) {
            MockHttpServletResponse response = answer(page.getValue());
            assertThat(response.getStatus()).as(page.getKey()).isIn(200, 302, 403);
            String policy = response.getHeader("Content-Security-Policy");
            assertThat(policy).as(page.getKey()).isEqualTo(SecurityHeaders.pagesPolicy(
                    java.net.URI.create("http://keycloak.localhost/realms/intake")))
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                            "form-action 'self' http://keycloak.localhost", "object-src 'none'", "base-uri 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertCommonHeaders(page.getKey(), response);
        }
    }

    @Test
    void everyApiAnswerCarriesThePolicyOfADocumentThatIsNeverRendered() throws Exception {
        String id = submitted();
        List<MockHttpServletRequestBuilder> calls = List.of(
                get("/api/queue").header("Authorization", "Bearer " + TestTokens.clinician()),
                get("/api/intakes/" + id).header("Authorization", "Bearer " + TestTokens.patient("alex")),
                get("/api/intakes/" + id),
                get("/api/audit").header("Authorization", "Bearer " + TestTokens.patient("alex")));
        for (MockHttpServletRequestBuilder call : calls) {
            MockHttpServletResponse response = answer(call);
            String what = call.buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI()
                    + " " + response.getStatus();
            assertThat(response.getHeader("Content-Security-Policy")).as(what).isEqualTo(SecurityHeaders.API_POLICY);
            assertCommonHeaders(what, response);
        }
    }

    private static void assertCommonHeaders(String what, MockHttpServletResponse response) {
        assertThat(response.getHeader("Referrer-Policy")).as(what).isEqualTo("no-referrer");
        assertThat(response.getHeader("Permissions-Policy")).as(what).isEqualTo(SecurityHeaders.PERMISSIONS_POLICY)
                .contains("camera=()", "microphone=()", "geolocation=()");
        assertThat(response.getHeader("Cache-Control")).as(what).contains("no-store");
        assertThat(response.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).as(what).isEqualTo("DENY");
    }

    @Test
    void theTemplatesHoldNothingThePolicyWouldBlock() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String html = Files.readString(file);
                if (html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*")) {
                    found.add(file + ": an inline <script>");
                }
                if (html.matches("(?s).*\\s(style|th:style)=.*") || html.contains("<style")) {
                    found.add(file + ": an inline style");
                }
                if (html.matches("(?s).*\\s(on[a-z]+|th:on[a-z]+)=.*")) {
                    found.add(file + ": an inline event handler");
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
