package org.example.intake.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a client that sends something wrong gets back: an error status and an OperationOutcome saying why. */
@ExtendWith(EhrSandboxExtension.class)
class InvalidRequestIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    InvalidRequestIntegrationTests(@EhrSandboxExtension.EhrBaseUrl String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Test
    void anObservationWithoutItsRequiredStatus_isRefusedWith422AndAnOperationOutcome() throws Exception {
        String observation = """
                {"resourceType":"Observation",
                 "code":{"coding":[{"system":"http://loinc.org","code":"72514-3"}]},
                 "subject":{"reference":"Patient/alex"},
                 "valueInteger":4}""";

        HttpResponse<String> response = post("Observation", observation);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(errorDiagnostics(response)).anySatisfy(d -> assertThat(d).contains("Observation.status"));
    }

    @Test
    void anObservationWithAnUnknownStatusCode_isRefusedWithAnOperationOutcome() throws Exception {
        String observation = """
                {"resourceType":"Observation","status":"done-and-dusted",
                 "code":{"coding":[{"system":"http://loinc.org","code":"72514-3"}]}}""";

        HttpResponse<String> response = post("Observation", observation);

        assertThat(response.statusCode()).isIn(400, 422);
        assertThat(errorDiagnostics(response)).anySatisfy(d -> assertThat(d).contains("done-and-dusted"));
    }

    @Test
    void unparseableJson_isRefusedWith400AndAnOperationOutcome() throws Exception {
        HttpResponse<String> response = post("Observation", "{\"resourceType\":\"Observation\",");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorDiagnostics(response)).isNotEmpty();
    }

    @Test
    void aReferenceToAPatientThatDoesNotExist_isRefusedAndNothingIsCreated() throws Exception {
        String identifier = Fhir.unique("orphan");
        String observation = """
                {"resourceType":"Observation","status":"final",
                 "identifier":[{"system":"%s","value":"%s"}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"72514-3"}]},
                 "subject":{"reference":"Patient/%s"},
                 "valueInteger":4}""".formatted(Fhir.OBSERVATION_SYSTEM, identifier, Fhir.unique("nobody"));

        HttpResponse<String> response = post("Observation", observation);

        assertThat(response.statusCode()).isIn(400, 404, 422);
        assertThat(errorDiagnostics(response)).isNotEmpty();
        HttpResponse<String> search = HTTP.send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/Observation?identifier=" + Fhir.OBSERVATION_SYSTEM + "%7C" + identifier
                        + "&_summary=count")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(search.body()).contains("\"total\":0");
    }

    private HttpResponse<String> post(String type, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/" + type))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.List<String> errorDiagnostics(HttpResponse<String> response) {
        OperationOutcome outcome = Fhir.CONTEXT.newJsonParser().parseResource(OperationOutcome.class, response.body());
        return outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .toList();
    }
}
