package org.example.intake.web.sdc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.fhir.populate.IntakePopulation;
import org.example.intake.web.DemoRecords;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * $populate against an EHR that WireMock plays, for two patients: alex (a birth date only, tomorrow's the birthday)
 * and casey (born on this day, a resolved breast cancer, active apixaban). The day is the plugin's clock's.
 */
class PopulateIntegrationTests extends WebFormTestSupport {

    @Autowired
    FhirContext fhir;

    @Autowired
    Clock intakeClock;

    @Autowired
    JdbcTemplate jdbc;

    LocalDate today;

    String json(IBaseResource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    @BeforeEach
    void theEhrKnowsAlexAndCasey() {
        today = LocalDate.now(intakeClock);
        DemoRecords.alexAndCasey(today);
        EHR_AND_ISSUER.stubFor(get(urlPathEqualTo("/fhir/Patient/nobody")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/fhir+json")
                .withBody("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\"}]}")));
    }

    HttpResponse<String> populate(String body, String token) {
        HttpRequest.Builder request = request("/api/fhir/Questionnaire/$populate")
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    String forSubject(String patient) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("subject").setValue(new Reference("Patient/" + patient));
        return json(parameters);
    }

    QuestionnaireResponse response(HttpResponse<String> answer) {
        Parameters parameters = fhir.newJsonParser().parseResource(Parameters.class, answer.body());
        return (QuestionnaireResponse) parameters.getParameter("response").getResource();
    }

    static Optional<QuestionnaireResponseItemComponent> answered(QuestionnaireResponse response, String linkId) {
        return response.getItem().stream().flatMap(group -> group.getItem().stream())
                .filter(item -> item.getLinkId().equals(linkId) && item.hasAnswer()).findFirst();
    }

    static List<String> answeredLinkIds(QuestionnaireResponse response) {
        return response.getItem().stream().flatMap(group -> group.getItem().stream())
                .filter(QuestionnaireResponseItemComponent::hasAnswer).map(QuestionnaireResponseItemComponent::getLinkId)
                .toList();
    }

    @Test
    void alexTheDayBeforeTheBirthdayGetsTheOldAgeAndNothingElse() {
        HttpResponse<String> answer = populate(forSubject("alex"), TestTokens.patient("alex"));

        assertThat(answer.statusCode()).isEqualTo(200);
        QuestionnaireResponse response = response(answer);
        assertThat(response.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
        assertThat(response.getQuestionnaire()).isEqualTo(FhirApiIntegrationTests.CANONICAL + "|1.2.0");
        assertThat(response.getSubject().getReference()).isEqualTo("Patient/alex");
        assertThat(answeredLinkIds(response)).containsExactly("age");
        assertThat(answered(response, "age").orElseThrow().getAnswerFirstRep().getValueIntegerType().getValue())
                .isEqualTo(29);
        assertThat(answered(response, "age").orElseThrow().getExtensionByUrl(IntakePopulation.PREFILLED_FROM)
                .getValue()).isInstanceOfSatisfying(Reference.class,
                        source -> assertThat(source.getReference()).isEqualTo("Patient/alex"));
        assertThat(fhir.newJsonParser().parseResource(Parameters.class, answer.body()).getParameter("issues")).isNull();
    }

    @Test
    void caseyOnTheBirthdayGetsTheNewAgeCancerHistoryAndBloodThinners() {
        HttpResponse<String> answer = populate(forSubject("casey"), TestTokens.patient("casey"));

        assertThat(answer.statusCode()).isEqualTo(200);
        QuestionnaireResponse response = response(answer);
        assertThat(answeredLinkIds(response)).containsExactly("age", "cancer-history", "blood-thinners");
        assertThat(answered(response, "age").orElseThrow().getAnswerFirstRep().getValueIntegerType().getValue())
                .isEqualTo(52);
        assertThat(answered(response, "cancer-history").orElseThrow().getAnswerFirstRep().getValueBooleanType()
                .booleanValue()).isTrue();
        assertThat(answered(response, "cancer-history").orElseThrow().getExtensionByUrl(IntakePopulation.PREFILLED_FROM)
                .getValue()).isInstanceOfSatisfying(Reference.class,
                        source -> assertThat(source.getReference()).isEqualTo("Condition/casey-breast-cancer"));
        assertThat(answered(response, "blood-thinners").orElseThrow().getExtensionByUrl(IntakePopulation.PREFILLED_FROM)
                .getValue()).isInstanceOfSatisfying(Reference.class,
                        source -> assertThat(source.getReference()).isEqualTo("MedicationStatement/casey-apixaban"));
        assertThat(answered(response, "osteoporosis-steroids")).isEmpty();
    }

    @Test
    void aClinicianPopulatesForAnyPatient() {
        HttpResponse<String> answer = populate(forSubject("casey"), TestTokens.clinician());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answeredLinkIds(response(answer))).contains("cancer-history");
    }

    List<String> recordReadsOf(String patient) {
        return jdbc.queryForList("select actor from intake_audit where action = 'RECORD_READ' and patient_id = ?"
                + " order by seq", String.class, patient);
    }

    @Test
    void everyPopulate_aClinicianOrThePatientAsks_isARecordReadOnTheAuditTrail() {
        int before = recordReadsOf("casey").size();

        populate(forSubject("casey"), TestTokens.clinician());
        populate(forSubject("casey"), TestTokens.patient("casey"));

        List<String> reads = recordReadsOf("casey");
        assertThat(reads).hasSize(before + 2);
        assertThat(reads.subList(before, before + 2)).allSatisfy(actor -> assertThat(actor).isNotBlank());
    }

    @Test
    void aRefusedPopulateReadsNothing_andRecordsNoRead() {
        int before = recordReadsOf("casey").size();

        assertThat(populate(forSubject("casey"), TestTokens.patient("alex")).statusCode()).isEqualTo(403);

        assertThat(recordReadsOf("casey")).hasSize(before);
    }

    @Test
    void aPatientCannotPopulateForAnotherPatient() {
        HttpResponse<String> answer = populate(forSubject("casey"), TestTokens.patient("alex"));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(fhir.newJsonParser().parseResource(OperationOutcome.class, answer.body()).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
    }

    @Test
    void populateIsRefusedWithoutTokenAndToAnAdmin() {
        assertThat(populate(forSubject("alex"), null).statusCode()).isEqualTo(401);
        assertThat(populate(forSubject("alex"), TestTokens.admin()).statusCode()).isEqualTo(403);
    }

    @Test
    void aNamedVersionIsPopulated_andAnUnknownCanonicalIsNotFound() {
        Parameters older = new Parameters();
        older.addParameter().setName("subject").setValue(new Reference("Patient/casey"));
        older.addParameter().setName("canonical").setValue(new org.hl7.fhir.r4.model.UriType(
                FhirApiIntegrationTests.CANONICAL + "|1.0.0"));
        Parameters unknown = older.copy();
        unknown.getParameter("canonical").setValue(new org.hl7.fhir.r4.model.UriType("http://example.org/other"));

        HttpResponse<String> olderAnswer = populate(json(older), TestTokens.clinician());
        HttpResponse<String> unknownAnswer = populate(json(unknown), TestTokens.clinician());

        assertThat(response(olderAnswer).getQuestionnaire()).isEqualTo(FhirApiIntegrationTests.CANONICAL + "|1.0.0");
        // 1.0.0 does not ask about blood thinners.
        assertThat(answeredLinkIds(response(olderAnswer))).containsExactly("age", "cancer-history");
        assertThat(unknownAnswer.statusCode()).isEqualTo(404);
    }

    @Test
    void populateRefusesBadInputWithOperationOutcomes() {
        String token = TestTokens.clinician();

        HttpResponse<String> noSubject = populate("{\"resourceType\":\"Parameters\"}", token);
        HttpResponse<String> notParameters = populate("{\"resourceType\":\"Patient\"}", token);
        HttpResponse<String> notJson = populate("nope", token);
        HttpResponse<String> notAPatient = populate(json(new Parameters().addParameter("subject",
                new Reference("Group/everyone"))), token);
        HttpResponse<String> unknownPatient = populate(forSubject("nobody"), token);

        assertThat(noSubject.statusCode()).isEqualTo(422);
        assertThat(notParameters.statusCode()).isEqualTo(422);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notAPatient.statusCode()).isEqualTo(422);
        assertThat(unknownPatient.statusCode()).isEqualTo(404);
        for (HttpResponse<String> refused : List.of(noSubject, notParameters, notJson, notAPatient, unknownPatient)) {
            assertThat(fhir.newJsonParser().parseResource(OperationOutcome.class, refused.body()).getIssue()).isNotEmpty();
        }
    }
}
