package org.example.intake.web.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.intake.StoredSubmission;
import org.junit.jupiter.api.Test;

/**
 * Durable delivery against an EHR that WireMock makes fail: every accepted submission reaches
 * the EHR once the EHR answers, retries back off and honour Retry-After, refusals are parked
 * as FAILED with the reason, and each submission's Bundle is the same on every attempt.
 */
class DeliveryIntegrationTests extends WebFormTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private String submit() {
        try {
            String body = postIntake(Responses.benign().set(org.example.intake.core.answers.Question.FEVER, true).json(),
                    TestTokens.patient("alex")).body();
            return new ObjectMapper().readTree(body).get("id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private StoredSubmission awaitState(String id, DeliveryState state) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> store.find(id).orElseThrow().delivery() == state);
        return store.find(id).orElseThrow();
    }

    private static List<LoggedRequest> deliveriesOf(String id) {
        List<LoggedRequest> requests = new ArrayList<>();
        for (LoggedRequest request : EHR_AND_ISSUER.findAll(postRequestedFor(urlEqualTo("/fhir")))) {
            if (request.getBodyAsString().contains("intake-submission\",\"value\":\"" + id + "\"")) {
                requests.add(request);
            }
        }
        return requests;
    }

    @Test
    void anAcceptedSubmissionIsDeliveredOnceAndMarkedDelivered() {
        String id = submit();

        StoredSubmission delivered = awaitState(id, DeliveryState.DELIVERED);

        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.deliveredAt()).isNotNull();
        assertThat(deliveriesOf(id)).hasSize(1);
        assertThat(deliveriesOf(id).get(0).getBodyAsString()).contains("\"resourceType\":\"Bundle\"",
                "\"type\":\"transaction\"", "ServiceRequest", "Flag");
        assertThat(getIntake(id, TestTokens.patient("alex")).body()).contains("\"delivery\":\"DELIVERED\"");
    }

    @Test
    void anEhrThatAnswers503TwiceIsTriedAgainUntilItTakesTheSameBundle() {
        // Submissions' Bundles only: the audit trail's export posts AuditEvents to the same endpoint meanwhile.
        EHR_AND_ISSUER.stubFor(post(urlEqualTo("/fhir")).withRequestBody(notContaining("\"AuditEvent\""))
                .inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("once"));
        EHR_AND_ISSUER.stubFor(post(urlEqualTo("/fhir")).withRequestBody(notContaining("\"AuditEvent\""))
                .inScenario("flaky").whenScenarioStateIs("once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        EHR_AND_ISSUER.stubFor(post(urlEqualTo("/fhir")).withRequestBody(notContaining("\"AuditEvent\""))
                .inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json")
                        .withBody(TRANSACTION_RESPONSE)));
        String id = submit();

        StoredSubmission delivered = awaitState(id, DeliveryState.DELIVERED);

        assertThat(delivered.attempts()).isEqualTo(3);
        List<LoggedRequest> attempts = deliveriesOf(id);
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(LoggedRequest::getBodyAsString).containsOnly(attempts.get(0).getBodyAsString());
    }

    @Test
    void anEhrThatIsDownIsRetriedAndTheSubmissionIsDeliveredWhenItComesBack() {
        ehrAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        String id = submit();

        StoredSubmission retrying = awaitState(id, DeliveryState.RETRYING);
        ehrAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json")
                .withBody(TRANSACTION_RESPONSE));
        StoredSubmission delivered = awaitState(id, DeliveryState.DELIVERED);

        assertThat(retrying.lastError()).isNotBlank();
        assertThat(delivered.attempts()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anEhrThatRefusesTheBundleParksTheSubmissionAsFailedWithTheReason() {
        ehrAnswers(aResponse().withStatus(422).withHeader("Content-Type", "application/fhir+json").withBody(
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\","
                        + "\"diagnostics\":\"profile says no\"}]}"));
        String id = submit();

        StoredSubmission failed = awaitState(id, DeliveryState.FAILED);

        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("422");
        assertThat(getIntake(id, TestTokens.patient("alex")).body()).contains("\"delivery\":\"FAILED\"");
    }

    @Test
    void retriesStopAfterTheLimitAndTheSubmissionIsParkedAsFailed() {
        ehrAnswers(aResponse().withStatus(503));
        String id = submit();

        StoredSubmission failed = awaitState(id, DeliveryState.FAILED);

        assertThat(failed.attempts()).isEqualTo(4); // intake.delivery.max-attempts in the test host
        assertThat(deliveriesOf(id)).hasSize(4);
    }

    @Test
    void aClinicianQueuesAFailedDeliveryAgainAndItIsDeliveredWhenTheEhrTakesIt() {
        ehrAnswers(aResponse().withStatus(400));
        String id = submit();
        awaitState(id, DeliveryState.FAILED);
        ehrAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json")
                .withBody(TRANSACTION_RESPONSE));

        java.net.http.HttpResponse<String> patient = send(request("/api/intakes/" + id + "/redeliver")
                .header("Authorization", "Bearer " + TestTokens.patient("alex"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        java.net.http.HttpResponse<String> clinician = send(request("/api/intakes/" + id + "/redeliver")
                .header("Authorization", "Bearer " + TestTokens.clinician())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(patient.statusCode()).isEqualTo(403);
        assertThat(clinician.statusCode()).isEqualTo(202);
        StoredSubmission delivered = awaitState(id, DeliveryState.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(1);
        java.net.http.HttpResponse<String> again = send(request("/api/intakes/" + id + "/redeliver")
                .header("Authorization", "Bearer " + TestTokens.clinician())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(again.statusCode()).isEqualTo(409);
    }
}
