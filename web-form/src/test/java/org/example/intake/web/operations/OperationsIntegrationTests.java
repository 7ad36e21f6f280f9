package org.example.intake.web.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the plugin gives operators, in the test host (probes on, health details shown, as
 * application.properties sets them): readiness, not behind the API's security chain.
 */
class OperationsIntegrationTests extends WebFormTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

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
            assertThat(intake.get("details").get("ruleSet").asText()).isEqualTo("1.1.0");
            assertThat(intake.get("details").get("questionnaires")).extracting(JsonNode::asText).containsExactly(
                    "http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.0.0",
                    "http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.1.0");
            assertThat(readiness.get("components").has("readinessState")).isTrue();
        }

        @Test
        void livenessIsUpAndDoesNotDependOnThePlugin() {
            HttpResponse<String> liveness = get("/actuator/health/liveness");

            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(json(liveness).get("status").asText()).isEqualTo("UP");
            assertThat(json(liveness).path("components").has("intake")).isFalse();
        }

        @Test
        void theApisSecurityChainDoesNotCaptureTheActuator_withOrWithoutAToken() {
            String patient = TestTokens.patient("alex");

            for (String path : List.of("/actuator/health", "/actuator/health/readiness")) {
                assertThat(get(path).statusCode()).as(path).isEqualTo(200);
                assertThat(get(path, patient).statusCode()).as(path + " with a patient's token").isEqualTo(200);
            }
        }
    }
}
