package org.example.intake.ehr;

import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;

/** The tests' FHIR client and the resources they write. */
final class Fhir {

    static final FhirContext CONTEXT = FhirContext.forR4Cached();
    static final String OBSERVATION_SYSTEM = "http://example.org/fhir/sid/test-observation";
    static final String LOINC = "http://loinc.org";
    static final String PAIN_SEVERITY = "72514-3";

    static {
        CONTEXT.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // HAPI's client gives up after 10 s by default; a busy shared machine can be slower than that.
        CONTEXT.getRestfulClientFactory().setSocketTimeout(120_000);
    }

    private Fhir() {
    }

    static IGenericClient client(EhrSandbox ehr) {
        return CONTEXT.newRestfulGenericClient(ehr.baseUrl());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static Patient patient(String id) {
        Patient patient = new Patient();
        patient.setId("Patient/" + id);
        patient.setActive(true);
        patient.addName().setFamily("Test").addGiven(id);
        return patient;
    }

    static Observation painSeverity(String patientId, String identifierValue, int severity) {
        Observation observation = new Observation();
        observation.addIdentifier().setSystem(OBSERVATION_SYSTEM).setValue(identifierValue);
        observation.setStatus(ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding(LOINC, PAIN_SEVERITY, "Pain severity 0-10")));
        observation.setSubject(new Reference("Patient/" + patientId));
        observation.setValue(new IntegerType(severity));
        return observation;
    }

    /** PUT Patient/{patientId}, then a conditional create of an Observation keyed on its identifier. */
    static Bundle patientAndConditionalObservation(String patientId, String identifierValue) {
        Bundle bundle = new Bundle();
        bundle.setType(BundleType.TRANSACTION);
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(patient(patientId))
                .getRequest().setMethod(HTTPVerb.PUT).setUrl("Patient/" + patientId);
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(painSeverity(patientId, identifierValue, 7))
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Observation")
                .setIfNoneExist("identifier=" + OBSERVATION_SYSTEM + "|" + identifierValue);
        return bundle;
    }
}
