package org.example.intake.web.sdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.cli.IntakeCommand;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The plugin's FHIR base: the Questionnaire (read, search), $extract against {@code ./intake extract}, the
 * CapabilityStatement, and who may use them. ($populate with its EHR: {@link PopulateIntegrationTests}.)
 */
class FhirApiIntegrationTests extends WebFormTestSupport {

    static final String CANONICAL = "http://example.org/fhir/Questionnaire/buttock-cramp-intake";

    @Autowired
    FhirContext fhir;

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    HttpResponse<String> post(String path, String body, String contentType, String token) {
        HttpRequest.Builder request = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    <T extends IBaseResource> T parse(Class<T> type, HttpResponse<String> response) {
        return fhir.newJsonParser().parseResource(type, response.body());
    }

    /** The example responses ./intake extract is shown with, and the cli's own test responses of older versions. */
    static Stream<Path> responseFiles() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        return Stream.of(root.resolve("examples"), root.resolve("cli/src/test/resources/v1.0.0"),
                root.resolve("cli/src/test/resources/v1.1.0")).flatMap(directory -> {
                    try {
                        return Files.list(directory).filter(file -> file.toString().endsWith(".json")).sorted();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** What ./intake extract FILE prints, run in this JVM through the cli's own entry point. */
    static String cliExtract(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new IntakeCommand().run(new String[] { "extract", file.toString() }, InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    String compact(String json) {
        return fhir.newJsonParser().encodeResourceToString(fhir.newJsonParser().parseResource(json));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responseFiles")
    void extractAnswersWhatTheCliPrints_forTheSameResponse(Path file) throws IOException {
        String json = Files.readString(file);

        HttpResponse<String> answer = post("/api/fhir/QuestionnaireResponse/$extract", json, "application/fhir+json",
                TestTokens.clinician());

        String cli = cliExtract(file);
        assertThat(compact(answer.body())).isEqualTo(compact(cli));
        assertThat(answer.statusCode()).isEqualTo(cli.contains("\"resourceType\": \"Bundle\"") ? 200 : 422);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+json"));
    }

    @Test
    void extractTakesParametersWithQuestionnaireResponse_andAnswersTheSameBundle() throws IOException {
        Path file = Path.of("../examples/urgent-fever.json");
        QuestionnaireResponse response = fhir.newJsonParser().parseResource(QuestionnaireResponse.class,
                Files.readString(file));
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("questionnaire-response").setResource(response);

        HttpResponse<String> answer = post("/api/fhir/QuestionnaireResponse/$extract",
                fhir.newJsonParser().encodeResourceToString(parameters), "application/json", TestTokens.clinician());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(compact(answer.body())).isEqualTo(compact(cliExtract(file)));
        assertThat(parse(Bundle.class, answer).getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
    }

    @Test
    void aPatientExtractsTheirOwnResponse_butNotAnotherPatients() throws IOException {
        String alexs = Files.readString(Path.of("../examples/soon-worsening.json"));
        assertThat(alexs).contains("Patient/alex");

        HttpResponse<String> own = post("/api/fhir/QuestionnaireResponse/$extract", alexs, "application/fhir+json",
                TestTokens.patient("alex"));
        HttpResponse<String> other = post("/api/fhir/QuestionnaireResponse/$extract", alexs, "application/fhir+json",
                TestTokens.patient("casey"));

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(parse(OperationOutcome.class, other).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
    }

    @Test
    void extractRefusesWithoutTokenAndForAnAdmin() throws IOException {
        String body = Files.readString(Path.of("../examples/self-care.json"));

        assertThat(post("/api/fhir/QuestionnaireResponse/$extract", body, "application/fhir+json", null).statusCode())
                .isEqualTo(401);
        assertThat(post("/api/fhir/QuestionnaireResponse/$extract", body, "application/fhir+json", TestTokens.admin())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void extractRefusesBadInputWithOperationOutcomes() {
        String token = TestTokens.clinician();

        HttpResponse<String> notJson = post("/api/fhir/QuestionnaireResponse/$extract", "{not json", "application/fhir+json",
                token);
        HttpResponse<String> otherResource = post("/api/fhir/QuestionnaireResponse/$extract",
                "{\"resourceType\":\"Patient\",\"id\":\"alex\"}", "application/fhir+json", token);
        HttpResponse<String> parametersWithout = post("/api/fhir/QuestionnaireResponse/$extract",
                "{\"resourceType\":\"Parameters\"}", "application/fhir+json", token);
        HttpResponse<String> text = post("/api/fhir/QuestionnaireResponse/$extract", "hello", "text/plain", token);
        HttpResponse<String> huge = post("/api/fhir/QuestionnaireResponse/$extract",
                "{\"resourceType\":\"Parameters\",\"id\":\"" + "x".repeat(70_000) + "\"}", "application/fhir+json",
                token);

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(otherResource.statusCode()).isEqualTo(422);
        assertThat(parametersWithout.statusCode()).isEqualTo(422);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(huge.statusCode()).isEqualTo(413);
        for (HttpResponse<String> refused : List.of(notJson, otherResource, parametersWithout, text, huge)) {
            assertThat(parse(OperationOutcome.class, refused).getIssue()).isNotEmpty();
        }
    }

    @Test
    void theCurrentQuestionnaireIsReadByItsIdForAPatientAndAClinician() {
        HttpResponse<String> patient = get("/api/fhir/Questionnaire/buttock-cramp-intake", TestTokens.patient("alex"));
        HttpResponse<String> clinician = get("/api/fhir/Questionnaire/buttock-cramp-intake", TestTokens.clinician());

        assertThat(patient.statusCode()).isEqualTo(200);
        assertThat(patient.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+json"));
        Questionnaire questionnaire = parse(Questionnaire.class, patient);
        assertThat(questionnaire.getIdElement().getIdPart()).isEqualTo("buttock-cramp-intake");
        assertThat(questionnaire.getUrl()).isEqualTo(CANONICAL);
        assertThat(questionnaire.getVersion()).isEqualTo("1.2.0");
        assertThat(clinician.statusCode()).isEqualTo(200);
    }

    @Test
    void aVersionIsReadByItsOwnId_andAnUnknownIdIsNotFound() {
        HttpResponse<String> older = get("/api/fhir/Questionnaire/buttock-cramp-intake-1.0.0", TestTokens.patient("alex"));
        HttpResponse<String> unknown = get("/api/fhir/Questionnaire/nothing-here", TestTokens.patient("alex"));

        assertThat(parse(Questionnaire.class, older).getVersion()).isEqualTo("1.0.0");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(parse(OperationOutcome.class, unknown).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.NOTFOUND);
    }

    @Test
    void theQuestionnaireIsRefusedWithoutTokenAndToAnAdmin() {
        assertThat(get("/api/fhir/Questionnaire/buttock-cramp-intake", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/fhir/Questionnaire/buttock-cramp-intake", TestTokens.admin()).statusCode()).isEqualTo(403);
        assertThat(get("/api/fhir/Questionnaire?url=" + CANONICAL, null).statusCode()).isEqualTo(401);
    }

    @Test
    void searchByUrlFindsTheCurrentVersionFirstThenTheOlderOnes() {
        HttpResponse<String> answer = get("/api/fhir/Questionnaire?url=" + URLEncoder.encode(CANONICAL,
                StandardCharsets.UTF_8), TestTokens.patient("alex"));

        Bundle bundle = parse(Bundle.class, answer);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getTotal()).isEqualTo(3);
        assertThat(bundle.getEntry()).extracting(entry -> ((Questionnaire) entry.getResource()).getVersion())
                .containsExactly("1.2.0", "1.1.0", "1.0.0");
        assertThat(bundle.getEntry()).extracting(Bundle.BundleEntryComponent::getFullUrl)
                .allSatisfy(url -> assertThat(url).contains("/api/fhir/Questionnaire/buttock-cramp-intake-"));
    }

    @Test
    void searchByUrlAndVersionFindsThatVersion_andAnotherUrlFindsNone() {
        Bundle version = parse(Bundle.class, get("/api/fhir/Questionnaire?url=" + CANONICAL + "&version=1.1.0",
                TestTokens.clinician()));
        Bundle other = parse(Bundle.class, get("/api/fhir/Questionnaire?url=http://example.org/other",
                TestTokens.clinician()));

        assertThat(version.getEntry()).extracting(entry -> ((Questionnaire) entry.getResource()).getVersion())
                .containsExactly("1.1.0");
        assertThat(other.getTotal()).isZero();
    }

    @Test
    void searchRefusesAParameterItDoesNotKnow() {
        HttpResponse<String> answer = get("/api/fhir/Questionnaire?name=ButtockCrampIntake", TestTokens.clinician());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(parse(OperationOutcome.class, answer).getIssue()).isNotEmpty();
    }

    @Test
    void metadataNamesTheInteractionsAndTheSdcOperations_withoutToken() {
        HttpResponse<String> answer = get("/api/fhir/metadata", null);

        CapabilityStatement statement = parse(CapabilityStatement.class, answer);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(statement.getRestFirstRep().getResource()).extracting(resource -> resource.getType())
                .containsExactly("Questionnaire", "QuestionnaireResponse");
        assertThat(statement.getRestFirstRep().getResource().get(0).getInteraction())
                .extracting(interaction -> interaction.getCode().toCode()).containsExactly("read", "search-type");
        assertThat(statement.getRestFirstRep().getResource()).flatExtracting(resource -> resource.getOperation())
                .extracting(operation -> operation.getName() + " " + operation.getDefinition()).containsExactly(
                        "populate http://hl7.org/fhir/uv/sdc/OperationDefinition/Questionnaire-populate",
                        "extract http://hl7.org/fhir/uv/sdc/OperationDefinition/QuestionnaireResponse-extract");
    }

    @Test
    void theOpenApiDescriptionDocumentsEveryStatus_andEveryRefusalAsAnOperationOutcome() throws IOException {
        HttpResponse<String> answer = send(operatorRequest("/v3/api-docs").GET());
        JsonNode docs = new ObjectMapper()
                .readTree(answer.body());

        Map<String, List<String>> statuses = new LinkedHashMap<>();
        statuses.put("/api/fhir/metadata get", List.of("200"));
        statuses.put("/api/fhir/Questionnaire/{id} get", List.of("200", "401", "403", "404"));
        statuses.put("/api/fhir/Questionnaire get", List.of("200", "400", "401", "403"));
        statuses.put("/api/fhir/QuestionnaireResponse/$extract post",
                List.of("200", "400", "401", "403", "413", "415", "422"));
        statuses.put("/api/fhir/Questionnaire/$populate post",
                List.of("200", "400", "401", "403", "404", "413", "415", "422", "502"));
        statuses.forEach((endpoint, codes) -> {
            String[] pathAndMethod = endpoint.split(" ");
            JsonNode operation = docs.get("paths").get(pathAndMethod[0])
                    .get(pathAndMethod[1]);
            List<String> documented = new ArrayList<>();
            operation.get("responses").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as(endpoint).containsExactlyInAnyOrderElementsOf(codes);
            operation.get("responses").fields().forEachRemaining(response -> {
                if (!response.getKey().startsWith("2")) {
                    assertThat(response.getValue().at("/content/application~1fhir+json/schema/$ref").asText())
                            .as(endpoint + " " + response.getKey()).isEqualTo("#/components/schemas/OperationOutcome");
                }
            });
        });
    }
}
