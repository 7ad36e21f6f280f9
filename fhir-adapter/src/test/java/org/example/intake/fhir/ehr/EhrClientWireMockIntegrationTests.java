package org.example.intake.fhir.ehr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.example.intake.fhir.ehr.EhrSettings.ClientCredentials;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The EHR client against WireMock standing in for the EHR and its token endpoint; any unexpected call fails. */
class EhrClientWireMockIntegrationTests {

    @RegisterExtension
    static WireMockExtension ehr = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .failOnUnmatchedRequests(true)
            .build();

    private static final String FHIR_JSON = "application/fhir+json";
    private static final String RESPONSE_BUNDLE = """
            {"resourceType":"Bundle","type":"transaction-response","entry":[{"response":{"status":"201 Created",
            "location":"Observation/1/_history/1"}}]}""";

    private EhrClient client;

    @BeforeEach
    void tokenEndpointGivesATokenThatLastsAnHour() {
        ehr.stubFor(post(urlEqualTo("/realms/intake/protocol/openid-connect/token"))
                .withHeader("Authorization", matching("Basic .+"))
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"token-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        client = new EhrClient(settings(Duration.ofSeconds(5)));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void transactionAccepted_isDelivered_withTheBearerTokenAndTheConflictRetryHeader() {
        stubEhr(aResponse().withStatus(200).withHeader("Content-Type", FHIR_JSON).withBody(RESPONSE_BUNDLE));

        DeliveryResult result = client.deliver(transaction());

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Delivered.class,
                delivered -> assertThat(delivered.response().getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE));
        ehr.verify(1, postRequestedFor(urlEqualTo("/fhir"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withHeader("X-Retry-On-Version-Conflict", equalTo("retry; max-retries=10"))
                .withHeader("Content-Type", matching("application/fhir\\+json.*")));
    }

    @Test
    void tokenIsFetchedOnce_andReusedUntilItExpires() {
        stubEhr(aResponse().withStatus(200).withHeader("Content-Type", FHIR_JSON).withBody(RESPONSE_BUNDLE));

        client.deliver(transaction());
        client.deliver(transaction());

        ehr.verify(1, postRequestedFor(urlEqualTo("/realms/intake/protocol/openid-connect/token")));
        ehr.verify(2, postRequestedFor(urlEqualTo("/fhir")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {502, 503, 504, 500, 408})
    void serverTrouble_isRetryable_andSentOnlyOnce(int status) {
        stubEhr(aResponse().withStatus(status));

        DeliveryResult.Failed failed = failed(client.deliver(transaction()));

        assertThat(failed.retryable()).isTrue();
        assertThat(failed.status()).isEqualTo(status);
        ehr.verify(1, postRequestedFor(urlEqualTo("/fhir")));
    }

    @Test
    void tooManyRequests_isRetryable_andKeepsRetryAfterSeconds() {
        stubEhr(aResponse().withStatus(429).withHeader("Retry-After", "7"));

        DeliveryResult.Failed failed = failed(client.deliver(transaction()));

        assertThat(failed.retryable()).isTrue();
        assertThat(failed.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void unavailable_keepsRetryAfterGivenAsAnHttpDate() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));
        stubEhr(aResponse().withStatus(503).withHeader("Retry-After", inTwoMinutes));

        DeliveryResult.Failed failed = failed(client.deliver(transaction()));

        assertThat(failed.retryAfter()).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121)));
    }

    @Test
    void conflictFromAConcurrentConditionalCreate_isRetryable_andKeepsTheOperationOutcome() {
        stubEhr(aResponse().withStatus(409).withHeader("Content-Type", FHIR_JSON).withBody(outcome("conflict",
                "HAPI-2745: Failed to create resource: another request is creating the same conditional resource")));

        DeliveryResult.Failed failed = failed(client.deliver(transaction()));

        assertThat(failed.retryable()).isTrue();
        assertThat(failed.outcome()).hasValueSatisfying(outcome ->
                assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("HAPI-2745"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {400, 401, 403, 404, 412, 422})
    void refusals_areNotRetryable_andKeepTheOperationOutcome(int status) {
        stubEhr(aResponse().withStatus(status).withHeader("Content-Type", FHIR_JSON)
                .withBody(outcome("invalid", "Refused with " + status)));

        DeliveryResult.Failed failed = failed(client.deliver(transaction()));

        assertThat(failed.retryable()).isFalse();
        assertThat(failed.status()).isEqualTo(status);
        assertThat(failed.outcome()).hasValueSatisfying(outcome ->
                assertThat(outcome.getIssueFirstRep().getDiagnostics()).isEqualTo("Refused with " + status));
        ehr.verify(1, postRequestedFor(urlEqualTo("/fhir")));
    }

    @Test
    void unauthorized_dropsTheCachedToken_soTheNextAttemptFetchesANewOne() {
        stubEhr(aResponse().withStatus(401));

        client.deliver(transaction());
        client.deliver(transaction());

        ehr.verify(2, postRequestedFor(urlEqualTo("/realms/intake/protocol/openid-connect/token")));
    }

    @Test
    void connectionReset_isRetryable() {
        stubEhr(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        DeliveryResult.Failed failed = failed(client.deliver(transaction()));

        assertThat(failed.retryable()).isTrue();
        assertThat(failed.status()).isZero();
        assertThat(failed.reason()).contains("reset");
        ehr.verify(1, postRequestedFor(urlEqualTo("/fhir")));
    }

    @Test
    void emptyAnswer_isRetryable() {
        stubEhr(aResponse().withFault(Fault.EMPTY_RESPONSE));

        DeliveryResult.Failed failed = failed(client.deliver(transaction()));

        assertThat(failed.retryable()).isTrue();
        assertThat(failed.status()).isZero();
    }

    @Test
    void slowEhr_timesOutAtTheReadTimeout_andIsRetryable() {
        client.close();
        client = new EhrClient(settings(Duration.ofMillis(400)));
        stubEhr(aResponse().withStatus(200).withHeader("Content-Type", FHIR_JSON).withBody(RESPONSE_BUNDLE));
        assertThat(client.deliver(transaction())).isInstanceOf(DeliveryResult.Delivered.class);
        stubEhr(aResponse().withStatus(200).withFixedDelay(3_000).withHeader("Content-Type", FHIR_JSON)
                .withBody(RESPONSE_BUNDLE));

        long start = System.nanoTime();
        DeliveryResult.Failed failed = failed(client.deliver(transaction()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failed.retryable()).isTrue();
        assertThat(failed.reason()).contains("in time");
        assertThat(took).isLessThan(Duration.ofMillis(2_500));
        ehr.verify(2, postRequestedFor(urlEqualTo("/fhir")));
    }

    @Test
    void refusedConnection_isRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (EhrClient nowhere = new EhrClient(EhrSettings.open(URI.create("http://127.0.0.1:" + closedPort + "/fhir")))) {
            DeliveryResult.Failed failed = failed(nowhere.deliver(transaction()));

            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).contains("refused");
        }
    }

    @Test
    void tokenEndpointRefusingTheClient_isNotRetryable_andTheEhrIsNotCalled() {
        ehr.stubFor(post(urlEqualTo("/realms/intake/protocol/openid-connect/token"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_client\"}")));

        DeliveryResult.Failed failed = failed(client.deliver(transaction()));

        assertThat(failed.retryable()).isFalse();
        assertThat(failed.status()).isEqualTo(401);
        assertThat(failed.reason()).contains("token");
    }

    @Test
    void tokenEndpointDown_isRetryable() {
        ehr.stubFor(post(urlEqualTo("/realms/intake/protocol/openid-connect/token"))
                .willReturn(aResponse().withStatus(503)));

        assertThat(failed(client.deliver(transaction())).retryable()).isTrue();
    }

    @Test
    void credentials_neverShowTheSecret() {
        ClientCredentials credentials = new ClientCredentials(URI.create("http://localhost/token"), "intake-ehr",
                "s3cret", Optional.empty());

        assertThat(credentials.toString()).doesNotContain("s3cret");
    }

    @Test
    void read_sendsTheBearerToken_andGivesTheResource() {
        ehr.stubFor(get(urlEqualTo("/fhir/Patient/alex"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", FHIR_JSON)
                        .withBody("{\"resourceType\":\"Patient\",\"id\":\"alex\",\"birthDate\":\"1990-05-01\"}")));

        Patient patient = client.read(Patient.class, "alex");

        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1990-05-01");
    }

    @Test
    void search_followsTheNextLink_withTheBearerTokenOnEveryPage() {
        String next = ehr.baseUrl() + "/fhir?_getpages=abc&_getpagesoffset=1";
        ehr.stubFor(get(urlEqualTo("/fhir/Condition?patient=alex"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", FHIR_JSON)
                        .withBody("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[{\"relation\":"
                                + "\"next\",\"url\":\"" + next + "\"}],\"entry\":[{\"resource\":{\"resourceType\":"
                                + "\"Condition\",\"id\":\"one\"}}]}")));
        ehr.stubFor(get(urlEqualTo("/fhir?_getpages=abc&_getpagesoffset=1"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", FHIR_JSON)
                        .withBody("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                                + "{\"resourceType\":\"Condition\",\"id\":\"two\"}}]}")));

        Bundle first = client.search("Condition?patient=alex");
        Bundle second = client.next(first).orElseThrow();

        assertThat(first.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo("one");
        assertThat(second.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo("two");
        assertThat(client.next(second)).isEmpty();
    }

    @Test
    void read_ofAMissingResource_failsWith404() {
        ehr.stubFor(get(urlEqualTo("/fhir/Patient/nobody"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", FHIR_JSON)
                        .withBody(outcome("not-found", "no such patient"))));

        assertThatThrownBy(
                () -> client.read(Patient.class, "nobody"))
                .isInstanceOfSatisfying(EhrReadFailed.class, failed -> assertThat(failed.status()).isEqualTo(404));
    }

    private EhrSettings settings(Duration readTimeout) {
        return EhrSettings.open(URI.create(ehr.baseUrl() + "/fhir"))
                .withTimeouts(Duration.ofSeconds(2), readTimeout)
                .withCredentials(new ClientCredentials(
                        URI.create(ehr.baseUrl() + "/realms/intake/protocol/openid-connect/token"),
                        "intake-ehr", "demo-secret", Optional.empty()));
    }

    private static void stubEhr(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        ehr.stubFor(post(urlEqualTo("/fhir")).willReturn(response));
    }

    private static Bundle transaction() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("urn:uuid:7d0f3a53-0000-4000-8000-000000000001")
                .setResource(new org.hl7.fhir.r4.model.Basic())
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Basic");
        return bundle;
    }

    private static String outcome(String code, String diagnostics) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
                + "\",\"diagnostics\":\"" + diagnostics + "\"}]}";
    }

    private static DeliveryResult.Failed failed(DeliveryResult result) {
        assertThat(result).as(result.toString()).isInstanceOf(DeliveryResult.Failed.class);
        return (DeliveryResult.Failed) result;
    }
}
