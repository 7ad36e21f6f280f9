package org.example.intake.web.operations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.RuleSet;
import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.delivery.DeliveryState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the plugin gives operators, in the test host (probes on, health details shown, Prometheus
 * exposed, as application.properties sets them): readiness, metrics, the API's OpenAPI
 * description. The host secures them (its own chain: probes for anyone, the rest for its
 * signed-in users); the plugin's chains capture none of them and open none of them.
 */
class OperationsIntegrationTests extends WebFormTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    MeterRegistry meters;

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    private HttpResponse<String> get(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).GET());
    }

    private HttpResponse<String> getAsOperator(String path) {
        return send(operatorRequest(path).GET());
    }

    private String submitted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asText();
    }

    @Nested
    class Health {

        @Test
        void readinessIsUpOnceThePluginIsWarm_withTheIntakeIndicatorInTheGroup() {
            await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 200);

            JsonNode readiness = json(get("/actuator/health/readiness"));

            assertThat(readiness.get("status").asText()).isEqualTo("UP");
            JsonNode intake = readiness.get("components").get("intake");
            assertThat(intake.get("status").asText()).isEqualTo("UP");
            assertThat(intake.get("details").get("warmUp").asText()).isEqualTo("done");
            assertThat(intake.get("details").get("ruleSet").asText()).isEqualTo(RuleSet.VERSION);
            assertThat(intake.get("details").get("questionnaires")).extracting(JsonNode::asText).containsExactly(
                    "http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.0.0",
                    "http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.1.0",
                    "http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.2.0");
            assertThat(readiness.get("components").has("readinessState")).isTrue();
        }

        @Test
        void thePluginsSchedulerHasItsOwnIndicator_upWhileItRuns_outsideReadiness() {
            JsonNode health = json(get("/actuator/health"));

            JsonNode scheduler = health.get("components").get("intakeScheduler");
            assertThat(scheduler.get("status").asText()).isEqualTo("UP");
            assertThat(scheduler.get("details").get("state").asText()).isEqualTo("started");
            assertThat(scheduler.get("details").get("threads").asInt()).isPositive();
            assertThat(json(get("/actuator/health/readiness")).get("components").has("intakeScheduler")).isFalse();
        }

        @Test
        void livenessIsUpAndDoesNotDependOnThePlugin() {
            HttpResponse<String> liveness = get("/actuator/health/liveness");

            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(json(liveness).get("status").asText()).isEqualTo("UP");
            assertThat(json(liveness).path("components").has("intake")).isFalse();
        }

        @Test
        void theProbesAnswerAnyone_asTheHostDecided() {
            for (String path : List.of("/actuator/health/readiness", "/actuator/health/liveness")) {
                assertThat(get(path).statusCode()).as(path).isEqualTo(200);
            }
        }

        @Test
        void metricsAndApiDocsRefuseAStrangerAndAPatientsToken_theHostsOperatorReadsThem() {
            String patient = TestTokens.patient("alex");

            for (String path : List.of("/actuator/prometheus", "/v3/api-docs", "/swagger-ui/index.html")) {
                assertThat(get(path).statusCode()).as(path).isEqualTo(401);
                assertThat(get(path, patient).statusCode()).as(path + " with a patient's token").isEqualTo(401);
                assertThat(getAsOperator(path).statusCode()).as(path + " as the host's operator").isEqualTo(200);
            }
        }
    }

    @Nested
    class Metrics {

        private double submissions(String outcome, String level) {
            return meters.get("intake.submissions").tag("outcome", outcome).tag("level", level).counter().count();
        }

        private double attempts(String result) {
            return meters.get("intake.delivery.attempts").tag("result", result).counter().count();
        }

        @Test
        void eachSubmissionIsCountedByOutcomeAndLevel() {
            double accepted = submissions("accepted", "URGENT");
            double repeated = submissions("repeated", "URGENT");
            double invalid = submissions("invalid", "NONE");
            double otherPatient = submissions("other-patient", "NONE");
            String fever = Responses.benign().set(Question.FEVER, true).json();

            for (int i = 0; i < 2; i++) {
                send(request("/api/intakes").header("Content-Type", "application/fhir+json")
                        .header("Authorization", "Bearer " + TestTokens.patient("alex"))
                        .header("Idempotency-Key", "metrics-" + accepted)
                        .POST(HttpRequest.BodyPublishers.ofString(fever)));
            }
            postIntake(fever.replace("\"valueBoolean\":true", "\"valueBoolean\":\"yes\""), TestTokens.patient("alex"));
            postIntake(fever, TestTokens.patient("casey"));

            assertThat(submissions("accepted", "URGENT")).isEqualTo(accepted + 1);
            assertThat(submissions("repeated", "URGENT")).isEqualTo(repeated + 1);
            assertThat(submissions("invalid", "NONE")).isEqualTo(invalid + 1);
            assertThat(submissions("other-patient", "NONE")).isEqualTo(otherPatient + 1);
        }

        @Test
        void aDeliveryIsCountedAndItsLagRecorded() {
            double delivered = attempts("delivered");
            long lags = meters.get("intake.delivery.lag").timer().count();

            String id = submitted(postIntake(Responses.benign().json(), TestTokens.patient("alex")));
            await().atMost(PATIENCE).until(() -> store.find(id).orElseThrow().delivery() == DeliveryState.DELIVERED);

            assertThat(attempts("delivered")).isGreaterThanOrEqualTo(delivered + 1);
            assertThat(meters.get("intake.delivery.lag").timer().count()).isGreaterThanOrEqualTo(lags + 1);
        }

        @Test
        void anEhrThatKeepsFailingIsCountedAsRetriesThenAFailure() {
            double retries = attempts("retry");
            double failures = attempts("failed");
            ehrAnswers(aResponse().withStatus(503));

            String id = submitted(postIntake(Responses.benign().json(), TestTokens.patient("alex")));
            await().atMost(PATIENCE).until(() -> store.find(id).orElseThrow().delivery() == DeliveryState.FAILED);

            assertThat(attempts("retry")).isGreaterThanOrEqualTo(retries + 3); // 4 attempts in the test host
            assertThat(attempts("failed")).isGreaterThanOrEqualTo(failures + 1);
        }

        @Test
        void aSubmissionTheEhrHasNotTakenYetIsPending() {
            ehrAnswers(aResponse().withStatus(200).withFixedDelay(3000).withHeader("Content-Type",
                    "application/fhir+json").withBody(TRANSACTION_RESPONSE));

            String id = submitted(postIntake(Responses.benign().json(), TestTokens.patient("alex")));
            double whileWaiting = meters.get("intake.delivery.pending").gauge().value();
            await().atMost(PATIENCE).until(() -> store.find(id).orElseThrow().delivery() == DeliveryState.DELIVERED);

            assertThat(whileWaiting).isGreaterThanOrEqualTo(1);
        }

        @Test
        void prometheusServesTheIntakeMeters_andDbSchedulersOwn() {
            String id = submitted(postIntake(Responses.benign().json(), TestTokens.patient("alex")));
            await().atMost(PATIENCE).until(() -> store.find(id).orElseThrow().delivery() == DeliveryState.DELIVERED);

            HttpResponse<String> scrape = getAsOperator("/actuator/prometheus");

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("intake_submissions_total{level=\"SELF_CARE\",outcome=\"accepted\"}",
                    "intake_delivery_attempts_total{result=\"delivered\"}", "intake_delivery_lag_seconds_count",
                    "intake_delivery_lag_seconds_bucket{le=\"14400.0\"}", "intake_delivery_pending ",
                    "dbscheduler_task_completions_total{result=\"ok\",task=\"intake-delivery\"}",
                    "dbscheduler_task_duration_seconds_count{task=\"intake-delivery\"}");
        }
    }

    @Nested
    class ApiDocs {

        private JsonNode apiDocs() {
            HttpResponse<String> docs = getAsOperator("/v3/api-docs");
            assertThat(docs.statusCode()).isEqualTo(200);
            return json(docs);
        }

        private static List<String> names(JsonNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            return names;
        }

        @Test
        void everyEndpointIsDocumentedWithEveryStatusItAnswers_itsMediaTypes_andTheBearerToken() {
            JsonNode docs = apiDocs();

            Map<String, List<String>> statuses = new LinkedHashMap<>();
            statuses.put("/api/intakes post", List.of("201", "200", "400", "401", "403", "413", "415", "422"));
            statuses.put("/api/intakes/{id} get", List.of("200", "401", "403", "404"));
            statuses.put("/api/queue get", List.of("200", "400", "401", "403"));
            statuses.put("/api/intakes/{id}/review post", List.of("200", "400", "401", "403", "404", "409", "413", "422"));
            statuses.put("/api/intakes/{id}/override post", List.of("200", "400", "401", "403", "404", "409", "413",
                    "422"));
            statuses.put("/api/intakes/{id}/redeliver post", List.of("202", "401", "403", "404", "409"));
            statuses.put("/api/audit get", List.of("200", "400", "401", "403"));
            statuses.put("/api/audit/verification get", List.of("200", "401", "403"));
            statuses.forEach((endpoint, codes) -> {
                String[] pathAndMethod = endpoint.split(" ");
                JsonNode operation = docs.get("paths").get(pathAndMethod[0]).get(pathAndMethod[1]);
                assertThat(names(operation.get("responses"))).as(endpoint).containsExactlyInAnyOrderElementsOf(codes);
                operation.get("responses").fields().forEachRemaining(response -> {
                    String media = response.getKey().startsWith("2") ? "application/json" : "application/fhir+json";
                    assertThat(names(response.getValue().get("content"))).as(endpoint + " " + response.getKey())
                            .containsExactly(media);
                    String schema = response.getValue().at("/content/" + media.replace("/", "~1") + "/schema/$ref")
                            .asText();
                    if (response.getKey().startsWith("2")) {
                        assertThat(schema).as(endpoint + " " + response.getKey()).startsWith("#/components/schemas/");
                    } else {
                        assertThat(schema).as(endpoint + " " + response.getKey())
                                .isEqualTo("#/components/schemas/OperationOutcome");
                    }
                });
                assertThat(operation.at("/security/0").has("intake-bearer")).as(endpoint).isTrue();
            });
            JsonNode submit = docs.get("paths").get("/api/intakes").get("post");
            assertThat(names(submit.get("requestBody").get("content"))).containsExactlyInAnyOrder(
                    "application/fhir+json", "application/json");
            assertThat(submit.at("/requestBody/content/application~1fhir+json/schema/$ref").asText())
                    .isEqualTo("#/components/schemas/QuestionnaireResponse");
            assertThat(submit.at("/responses/201/content/application~1json/schema/$ref").asText())
                    .isEqualTo("#/components/schemas/IntakeView");
            assertThat(docs.at("/paths/~1api~1intakes~1{id}~1override/post/requestBody/content/application~1json"
                    + "/schema/$ref").asText()).isEqualTo("#/components/schemas/OverrideRequest");
            assertThat(docs.at("/components/securitySchemes/intake-bearer/scheme").asText()).isEqualTo("bearer");
            assertThat(submit.get("parameters")).extracting(parameter -> parameter.get("name").asText())
                    .containsExactly("Idempotency-Key");
            assertThat(docs.at("/paths/~1api~1queue/get/parameters")).extracting(parameter -> parameter.get("name")
                    .asText()).containsExactlyInAnyOrder("level", "delivery", "page", "after", "before");
        }

        @Test
        void theDocumentedIntakeViewHasTheKeysOfRealAnswers_aPatientsAsItsRequiredOnes() {
            JsonNode patients = json(postIntake(Responses.benign().json(), TestTokens.patient("alex")));
            JsonNode clinicians = json(send(request("/api/intakes/" + patients.get("id").asText())
                    .header("Authorization", "Bearer " + TestTokens.clinician()).GET()));

            JsonNode schema = apiDocs().at("/components/schemas/IntakeView");

            assertThat(names(schema.get("properties"))).startsWith(names(patients).toArray(String[]::new))
                    .containsAll(names(clinicians));
            assertThat(schema.get("required")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrderElementsOf(names(patients));
        }

        @Test
        void theExampleBodyInTheDocsIsAnIntakeTheApiAccepts() {
            JsonNode example = apiDocs()
                    .at("/paths/~1api~1intakes/post/requestBody/content/application~1fhir+json/example");

            HttpResponse<String> response = postIntake(example.toString(), TestTokens.patient("alex"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(json(response).get("level").asText()).isEqualTo("SELF_CARE");
        }

        @Test
        void swaggerUiIsServedToTheHostsOperator() {
            HttpResponse<String> ui = getAsOperator("/swagger-ui/index.html");

            assertThat(ui.statusCode()).isEqualTo(200);
            assertThat(ui.body()).contains("swagger-ui");
        }
    }
}
