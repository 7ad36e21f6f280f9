package org.example.intake.web.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.example.intake.core.answers.Question;
import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Clinicians' decisions go to the EHR through the same durable delivery as submissions: with
 * the EHR down they are accepted and wait; once it is back, the latest state arrives exactly
 * once. A decision made while a delivery is on its way is not lost under it.
 */
// the same context as the other clinicians' tests
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:clinician-${random.uuid};DB_CLOSE_DELAY=-1",
        "intake.queue.page-size=500", "intake.audit.export-interval=200ms" })
class DecisionDeliveryIntegrationTests extends WebFormTestSupport {

    private String submit(Responses response, String patient) throws Exception {
        HttpResponse<String> created = postIntake(response.json().replace("Patient/alex", "Patient/" + patient), TestTokens.patient(patient));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new ObjectMapper().readTree(created.body()).get("id").asText();
    }

    private HttpResponse<String> post(String path, String body) {
        return send(request(path).header("Authorization", "Bearer " + TestTokens.clinician("dr-outage"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static List<String> bundlesAbout(String id) {
        return EHR_AND_ISSUER.findAll(postRequestedFor(urlEqualTo("/fhir")).withRequestBody(containing(id))).stream()
                .map(LoggedRequest::getBodyAsString)
                .filter(body -> body.contains("\"resourceType\":\"QuestionnaireResponse\"")).toList();
    }

    @AfterEach
    void theEhrIsBack() {
        ehrAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json")
                .withBody(TRANSACTION_RESPONSE));
    }

    @Test
    void withTheEhrDownReviewAndOverrideAreAcceptedAndReachItExactlyOnceWhenItRecovers() throws Exception {
        ehrAnswers(aResponse().withStatus(503));
        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "d-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> !bundlesAbout(id).isEmpty());

        assertThat(post("/api/intakes/" + id + "/override", "{\"level\":\"URGENT\",\"reason\":\"outage test\"}")
                .statusCode()).isEqualTo(200);
        assertThat(post("/api/intakes/" + id + "/review", "{\"note\":\"seen\"}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> bundlesAbout(id).stream()
                .anyMatch(body -> body.contains("outage test") && body.contains("\"status\":\"inactive\"")));
        assertThat(store.find(id).orElseThrow().delivery()).isIn(DeliveryState.PENDING, DeliveryState.RETRYING);
        int whileDown = bundlesAbout(id).size();

        theEhrIsBack();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(store.find(id).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERED));
        await("nothing more follows").atMost(Duration.ofSeconds(5)).during(Duration.ofSeconds(1))
                .until(() -> bundlesAbout(id).size() == whileDown + 1);

        List<String> sent = bundlesAbout(id);
        assertThat(sent).hasSize(whileDown + 1);
        String arrived = sent.get(sent.size() - 1);
        assertThat(arrived).contains("outage test", "\"priority\":\"urgent\"", "\"status\":\"inactive\"");
        List<DeliveryAttempt> history = deliveryStore.deliveryHistory(id);
        assertThat(history.get(history.size() - 1).result()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(history.get(history.size() - 1).revision()).isEqualTo(2);
        assertThat(history.stream().filter(a -> a.result() == DeliveryState.DELIVERED)).hasSize(1);
        assertThat(history).anyMatch(a -> a.detail() != null && a.detail().contains("503"));
    }

    @Test
    void aReviewMadeWhileItsSubmissionIsOnItsWayToTheEhrFollowsIt() throws Exception {
        ehrAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json")
                .withBody(TRANSACTION_RESPONSE).withFixedDelay(1500));
        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "d-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> !bundlesAbout(id).isEmpty()); // on its way, not answered

        assertThat(post("/api/intakes/" + id + "/review", "{}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(store.find(id).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERED);
            List<String> sent = bundlesAbout(id);
            assertThat(sent.get(sent.size() - 1)).contains("\"status\":\"inactive\"");
        });
        assertThat(bundlesAbout(id)).hasSize(2);
        assertThat(deliveryStore.deliveryHistory(id)).extracting(DeliveryAttempt::revision).containsExactly(0, 1);
    }
}
