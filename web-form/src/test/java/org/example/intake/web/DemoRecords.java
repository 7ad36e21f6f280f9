package org.example.intake.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.LocalDate;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The demo patients' EHR records as {@link WebFormTestSupport#EHR_AND_ISSUER} plays them: alex (a birth date only,
 * the birthday tomorrow) and casey (born on this day, a resolved breast cancer, active apixaban).
 */
public final class DemoRecords {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private DemoRecords() {
    }

    /** Stubs alex's and casey's records, ages counted on {@code today}. */
    public static void alexAndCasey(LocalDate today) {
        ehrHas("Patient/alex", patient("alex", today.plusDays(1).minusYears(30)));
        for (String type : List.of("Condition", "MedicationStatement", "MedicationRequest")) {
            ehrSearchFinds(type, "alex");
        }
        ehrHas("Patient/casey", patient("casey", today.minusYears(52)));
        Condition breastCancer = new Condition();
        breastCancer.setId("casey-breast-cancer");
        breastCancer.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "254837009",
                "Malignant neoplasm of breast")));
        breastCancer.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", null)));
        breastCancer.setSubject(new Reference("Patient/casey"));
        ehrSearchFinds("Condition", "casey", breastCancer);
        MedicationStatement apixaban = new MedicationStatement();
        apixaban.setId("casey-apixaban");
        apixaban.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        apixaban.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm",
                "1364430", "apixaban")));
        apixaban.setSubject(new Reference("Patient/casey"));
        ehrSearchFinds("MedicationStatement", "casey", apixaban);
        ehrSearchFinds("MedicationRequest", "casey");
    }

    public static void ehrHas(String path, Resource resource) {
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(get(urlPathEqualTo("/fhir/" + path)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/fhir+json").withBody(json(resource))));
    }

    public static void ehrSearchFinds(String type, String patient, Resource... found) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (Resource resource : found) {
            bundle.addEntry().setResource(resource);
        }
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(get(urlPathEqualTo("/fhir/" + type))
                .withQueryParam("patient", equalTo(patient)).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json").withBody(json(bundle))));
    }

    public static Patient patient(String id, LocalDate born) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.setBirthDateElement(new DateType(born.toString()));
        return patient;
    }

    private static String json(Resource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }
}
