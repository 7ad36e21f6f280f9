package org.example.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.example.demo.browser.DemoStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The demo host starts with its own configuration, and the plugin's API is there and secured. The
 * host has no security chain of its own, so Spring Boot's default one still guards its home page,
 * the metrics and the API docs with the demo's operator login, as it would without the plugin. The host is the one
 * the browser tests use ({@link DemoStack}, started once per test JVM), not one more of its own.
 */
class DemoHostApplicationIntegrationTests {

    private static DemoStack stack;

    @BeforeAll
    static void startTheStackOnce() {
        stack = DemoStack.shared();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.webBaseUrl + path))
                .header("Accept", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getAsOperator(String path) throws Exception {
        String login = Base64.getEncoder().encodeToString(("demo-operator:demo-operator-secret")
                .getBytes(StandardCharsets.UTF_8));
        return get(path, "Authorization", "Basic " + login);
    }

    @Test
    void theHostServesItsOwnPageToItsOperatorAndThePluginsApiAsksForAToken() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(401);
        assertThat(getAsOperator("/").body()).contains("Telehealth demo host");
        assertThat(get("/api/intakes/anything").statusCode()).isEqualTo(401);
        assertThat(get("/api/intakes/anything").headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void theApiDocsAndTheActuatorRefuseAStranger_theHealthEndpointAnswersAnyone() throws Exception {
        for (String path : List.of("/v3/api-docs", "/actuator", "/actuator/info")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(getAsOperator("/v3/api-docs").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isIn(200, 503); // 503 while the plugin warms up
    }

    @Test
    void outsideTheDemoProfile_withoutItsSecrets_theHostRefusesToStart_namingWhatIsMissing() {
        SpringApplicationBuilder withoutTheDemoProfile = new SpringApplicationBuilder(DemoHostApplication.class)
                .web(WebApplicationType.NONE);

        assertThatThrownBy(() -> withoutTheDemoProfile.run("--spring.datasource.url=jdbc:h2:mem:no-demo"))
                .hasStackTraceContaining("intake.security.browser-client-secret")
                .hasStackTraceContaining("intake.ehr.client-secret");
    }
}
