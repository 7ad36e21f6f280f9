package org.example.intake.web.operations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.core.answers.Question;
import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.delivery.DeliveryState;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Nothing a patient wrote, no QuestionnaireResponse and nothing the EHR answered reaches the log,
 * at any level: the plugin and every library it drives to store and deliver a submission (HAPI,
 * Apache HttpClient under HAPI's client, db-scheduler, Spring JDBC) log at TRACE while a patient
 * submits an intake with distinctive free text and an invalid one, the EHR fails, then refuses the
 * Bundle with an OperationOutcome that echoes the text, and finally takes a second intake with an
 * answer that echoes it too. The host's own web stack
 * (Tomcat, Spring MVC) is the host's to configure and is left at its level.
 */
@ExtendWith(OutputCaptureExtension.class)
class PatientDataLogIntegrationTests extends WebFormTestSupport {

    private static final String NOTES = "Zebra-quill 7781: my neighbour Mrs Quillfeather says it is sciatica";
    private static final String EHR_ONLY = "Ehr-only-marker 4409";
    /** The free text, the EHR's own words, and what every QuestionnaireResponse or Bundle as JSON holds. */
    private static final List<String> FORBIDDEN = List.of("Zebra-quill", "Quillfeather", EHR_ONLY, "\"linkId\"",
            "\"resourceType\":\"QuestionnaireResponse\"");
    private static final List<String> VERBOSE = List.of("org.example.intake", "ca.uhn.fhir", "org.apache.http",
            "com.github.kagkarlsson", "org.springframework.jdbc");

    @Autowired
    LoggingSystem logging;

    private final Map<String, LogLevel> before = new LinkedHashMap<>();

    @BeforeEach
    void everythingThePluginDrivesLogsAtTrace() {
        for (String name : VERBOSE) {
            LoggerConfiguration configuration = logging.getLoggerConfiguration(name);
            before.put(name, configuration == null ? null : configuration.getConfiguredLevel());
            logging.setLogLevel(name, LogLevel.TRACE);
        }
    }

    @AfterEach
    void backToTheTestHostsLevels() {
        before.forEach(logging::setLogLevel);
    }

    @Test
    void noAnswerNoResponseAndNoEhrAnswerIsLogged_throughSubmissionsRefusalsAndFailedAndGoodDeliveries(
            CapturedOutput output) {
        theEhrFailsOnceThenRefuses(outcome("error", "processing", EHR_ONLY + " cannot file: " + NOTES));

        String refused = submitted(Responses.benign().set(Question.NOTES, NOTES).json());
        int invalid = postIntake(Responses.benign().set(Question.NOTES, NOTES)
                .setRaw(Question.AGE, new StringType(NOTES)).json(), TestTokens.patient("alex")).statusCode();
        awaitDelivery(refused, DeliveryState.FAILED);
        ehrAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json").withBody(
                "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\",\"entry\":[{\"response\":"
                        + "{\"status\":\"201 Created\",\"outcome\":"
                        + outcome("information", "informational", EHR_ONLY + " filed: " + NOTES) + "}}]}"));
        String taken = submitted(Responses.benign().set(Question.NOTES, NOTES).json());
        awaitDelivery(taken, DeliveryState.DELIVERED);

        assertThat(invalid).isEqualTo(422);
        assertThat(output.getAll()).as("the log was captured, at TRACE")
                .contains("intake " + refused + " accepted", "intake " + refused + " delivery FAILED",
                        "intake " + taken + " delivered", "TRACE", "intake_submission", "http-outgoing");
        List<String> leaks = output.getAll().lines()
                .filter(line -> FORBIDDEN.stream().anyMatch(line::contains))
                .map(line -> line.length() > 300 ? line.substring(0, 300) + "..." : line)
                .toList();
        assertThat(leaks).as("log lines holding the patient's text, a response or the EHR's answer").isEmpty();
    }

    private static String outcome(String severity, String code, String diagnostics) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"" + severity + "\",\"code\":\""
                + code + "\",\"diagnostics\":\"" + diagnostics + "\"}]}";
    }

    private static void theEhrFailsOnceThenRefuses(String outcome) {
        EHR_AND_ISSUER.stubFor(post(urlEqualTo("/fhir")).inScenario("fails, then refuses").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/fhir+json")
                        .withBody(outcome))
                .willSetStateTo("refusing"));
        EHR_AND_ISSUER.stubFor(post(urlEqualTo("/fhir")).inScenario("fails, then refuses")
                .whenScenarioStateIs("refusing")
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/fhir+json")
                        .withBody(outcome)));
    }

    private String submitted(String body) {
        HttpResponse<String> response = postIntake(body, TestTokens.patient("alex"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        try {
            return new ObjectMapper().readTree(response.body()).get("id").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitDelivery(String id, DeliveryState state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> store.find(id).orElseThrow().delivery() == state);
    }
}
