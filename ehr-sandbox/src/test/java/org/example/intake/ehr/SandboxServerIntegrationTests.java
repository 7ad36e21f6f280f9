package org.example.intake.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EhrSandboxExtension.class)
class SandboxServerIntegrationTests {

    private static EhrSandbox atClassStart;

    @BeforeAll
    static void rememberTheSandboxOfTheClass(EhrSandbox sandbox) {
        atClassStart = sandbox;
    }

    @Test
    void theSandboxIsBootedOnceForTheRunAndReusedByEveryCaller(EhrSandbox injected,
            @EhrSandboxExtension.EhrBaseUrl String baseUrl) {
        assertThat(injected).isSameAs(atClassStart);
        assertThat(injected.inProcess()).isTrue();
        assertThat(baseUrl).isEqualTo(injected.baseUrl()).matches("http://localhost:\\d+/fhir");
    }

    @Test
    void metadataAnswersWithAnR4CapabilityStatementListingTheNeededSearches(EhrSandbox ehr) {
        CapabilityStatement capabilities = Fhir.client(ehr).capabilities().ofType(CapabilityStatement.class)
                .execute();

        assertThat(capabilities.getFhirVersion()).isEqualTo(FHIRVersion._4_0_1);
        assertThat(searchParams(capabilities, "Observation")).contains("subject", "code", "identifier");
        assertThat(searchParams(capabilities, "Flag")).contains("subject");
        assertThat(searchParams(capabilities, "ServiceRequest")).contains("priority", "identifier");
        assertThat(searchParams(capabilities, "Provenance")).contains("target");
        assertThat(searchParams(capabilities, "QuestionnaireResponse")).contains("identifier", "subject");
    }

    @Test
    void metadataAnswersPlainHttpAsJson(@EhrSandboxExtension.EhrBaseUrl String baseUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/metadata")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+json"));
        assertThat(response.body()).contains("\"resourceType\":\"CapabilityStatement\"");
    }

    @Test
    void theDemoPatientsExistFromTheStart(EhrSandbox ehr) {
        for (String id : List.of("alex", "casey")) {
            assertThat(Fhir.client(ehr).read().resource(Patient.class).withId(id).execute().getActive()).isTrue();
        }
    }

    @Test
    void theDemoPatientsHaveTheRecordsTheFormIsPrefilledFrom(EhrSandbox ehr) {
        var client = Fhir.client(ehr);

        Patient alex = client.read().resource(Patient.class).withId("alex").execute();
        Patient casey = client.read().resource(Patient.class).withId("casey").execute();
        Bundle alexsConditions = client.search().byUrl("Condition?patient=alex").returnBundle(Bundle.class).execute();
        Bundle caseysConditions = client.search().byUrl("Condition?patient=casey").returnBundle(Bundle.class).execute();
        Bundle caseysMedicines = client.search().byUrl("MedicationStatement?patient=casey").returnBundle(Bundle.class)
                .execute();

        assertThat(alex.getBirthDateElement().getValueAsString()).isEqualTo("1990-05-17");
        assertThat(casey.getBirthDateElement().getValueAsString()).isEqualTo("1968-09-03");
        assertThat(alexsConditions.getEntry()).isEmpty();
        assertThat(caseysConditions.getEntry()).singleElement().satisfies(entry -> {
            Condition condition = (Condition) entry.getResource();
            assertThat(condition.getCode().getCodingFirstRep().getCode()).isEqualTo("254837009");
            assertThat(condition.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("resolved");
        });
        assertThat(caseysMedicines.getEntry()).singleElement().satisfies(entry -> {
            MedicationStatement statement = (MedicationStatement) entry.getResource();
            assertThat(statement.getStatus()).isEqualTo(MedicationStatement.MedicationStatementStatus.ACTIVE);
            assertThat(statement.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("1364430");
        });
    }

    private static List<String> searchParams(CapabilityStatement capabilities, String type) {
        CapabilityStatementRestResourceComponent resource = capabilities.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " in the CapabilityStatement"));
        return resource.getSearchParam().stream().map(CapabilityStatementRestResourceSearchParamComponent::getName)
                .toList();
    }
}
