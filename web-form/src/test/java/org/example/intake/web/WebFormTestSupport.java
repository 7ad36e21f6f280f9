package org.example.intake.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.example.host.TestHostApplication;
import org.example.intake.web.delivery.DeliveryStore;
import org.example.intake.web.intake.SubmissionStore;
import org.example.intake.web.queue.QueueStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The plugin inside {@link TestHostApplication}, on a real port, with {@code MockMvc} for the tests
 * that want it; one context for every test class that extends this and adds no settings or mocks
 * of its own (Spring's context cache reuses a context only for the same configuration, so each
 * variation starts one more: keep them few, and let classes that need the same settings share
 * them). A WireMock server, started once per JVM, is both the token issuer's JWK set and the EHR;
 * each test starts with the EHR accepting every Bundle. Metrics are exported as in a host (Spring
 * Boot's tests would otherwise keep them in memory), so Prometheus can be scraped.
 */
@SpringBootTest(classes = TestHostApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@AutoConfigureMockMvc
public abstract class WebFormTestSupport {

    public static final WireMockServer EHR_AND_ISSUER = new WireMockServer(options().dynamicPort());
    public static final String JWKS_PATH = "/realms/intake/protocol/openid-connect/certs";
    public static final String TRANSACTION_RESPONSE = """
            {"resourceType":"Bundle","type":"transaction-response","entry":[{"response":{"status":"201 Created"}}]}""";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static {
        EHR_AND_ISSUER.start();
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected SubmissionStore store;

    @Autowired
    protected DeliveryStore deliveryStore;

    @Autowired
    protected QueueStore queueStore;

    @DynamicPropertySource
    static void pointThePluginAtWireMock(DynamicPropertyRegistry registry) {
        registry.add("intake.security.jwk-set-uri", () -> EHR_AND_ISSUER.baseUrl() + JWKS_PATH);
        registry.add("intake.ehr.base-url", () -> EHR_AND_ISSUER.baseUrl() + "/fhir");
    }

    /**
     * Adds the stubs rather than resetting them: deliveries of earlier tests' submissions may
     * still arrive, and must never find an EHR without an answer (WireMock prefers the newest stub).
     */
    @BeforeEach
    void theIssuerPublishesItsKeysAndTheEhrAcceptsEverything() {
        EHR_AND_ISSUER.resetRequests();
        theIssuerPublishesItsKeys();
        ehrAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json")
                .withBody(TRANSACTION_RESPONSE));
    }

    /** The issuer's JWK set holds {@link TestTokens}' key (for tests that start nodes of their own too). */
    public static void theIssuerPublishesItsKeys() {
        EHR_AND_ISSUER.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(TestTokens.jwkSet())));
    }

    protected static void ehrAnswers(ResponseDefinitionBuilder response) {
        EHR_AND_ISSUER.stubFor(post(urlEqualTo("/fhir")).willReturn(response));
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    /** A request with the host's operator's HTTP Basic login: the host's metrics and API docs need it. */
    protected HttpRequest.Builder operatorRequest(String path) {
        String login = TestHostApplication.OPERATOR + ":" + TestHostApplication.OPERATOR_PASSWORD;
        return request(path).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
    }

    /** POST /api/intakes with this body, content type and bearer token (none when null). */
    protected HttpResponse<String> postIntake(String body, String token) {
        HttpRequest.Builder request = request("/api/intakes").header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    protected HttpResponse<String> getIntake(String id, String token) {
        HttpRequest.Builder request = request("/api/intakes/" + id).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }
}
