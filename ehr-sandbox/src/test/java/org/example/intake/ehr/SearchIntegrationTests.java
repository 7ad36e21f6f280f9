package org.example.intake.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ICriterion;

/** One transaction shaped like an intake delivery, then the searches the product and its tests rely on. */
@ExtendWith(EhrSandboxExtension.class)
@TestInstance(Lifecycle.PER_CLASS)
class SearchIntegrationTests {

    private static final String SNOMED = "http://snomed.info/sct";
    private static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";
    private static final String SUBMISSION_SYSTEM = "http://example.org/fhir/sid/test-submission";

    private IGenericClient client;
    private final String patientId = Fhir.unique("pat");
    private final String otherPatientId = Fhir.unique("other");
    private final String submission = UUID.randomUUID().toString();
    private String observationId;

    @BeforeAll
    void deliverOneIntake(EhrSandbox ehr) {
        client = Fhir.client(ehr);
        client.update().resource(Fhir.patient(otherPatientId)).execute();
        client.create().resource(Fhir.painSeverity(otherPatientId, Fhir.unique("obs"), 3)).execute();

        Bundle response = client.transaction().withBundle(intakeDelivery()).execute();

        assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus())
                .allSatisfy(status -> assertThat(status).matches("20[01].*"));
        observationId = response.getEntry().get(1).getResponse().getLocation().replaceAll("/_history/.*", "");
    }

    @Test
    void observationsAreFoundBySubjectAndCode() {
        List<Observation> found = search(Observation.class,
                Observation.SUBJECT.hasId("Patient/" + patientId),
                Observation.CODE.exactly().systemAndCode(Fhir.LOINC, Fhir.PAIN_SEVERITY));

        assertThat(found).singleElement()
                .satisfies(o -> assertThat(o.getIdElement().toUnqualifiedVersionless().getValue())
                        .isEqualTo(observationId));
        assertThat(search(Observation.class,
                Observation.SUBJECT.hasId("Patient/" + patientId),
                Observation.CODE.exactly().systemAndCode(Fhir.LOINC, "0000-0"))).isEmpty();
    }

    @Test
    void observationsAreFoundByIdentifierWithAPipeInTheQuery() {
        List<Observation> found = search(Observation.class,
                Observation.IDENTIFIER.exactly().systemAndIdentifier(SUBMISSION_SYSTEM, submission + "-obs"));

        assertThat(found).hasSize(1);
    }

    @Test
    void flagsAreFoundBySubject() {
        assertThat(search(Flag.class, Flag.SUBJECT.hasId("Patient/" + patientId))).singleElement()
                .satisfies(f -> assertThat(f.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE));
        assertThat(search(Flag.class, Flag.SUBJECT.hasId("Patient/" + otherPatientId))).isEmpty();
    }

    @Test
    void serviceRequestsAreFoundByPriority() {
        List<ServiceRequest> urgent = search(ServiceRequest.class,
                ServiceRequest.PRIORITY.exactly().code("urgent"),
                ServiceRequest.SUBJECT.hasId("Patient/" + patientId));
        List<ServiceRequest> stat = search(ServiceRequest.class,
                ServiceRequest.PRIORITY.exactly().code("stat"),
                ServiceRequest.SUBJECT.hasId("Patient/" + patientId));

        assertThat(urgent).hasSize(1);
        assertThat(stat).isEmpty();
    }

    @Test
    void provenanceIsFoundByTargetAndSitsAtItsClientAssignedId() {
        List<Provenance> found = search(Provenance.class, Provenance.TARGET.hasId(observationId));

        assertThat(found).singleElement().satisfies(p -> assertThat(p.getIdElement().getIdPart())
                .isEqualTo(provenanceId()));
        assertThat(client.read().resource(Provenance.class).withId(provenanceId()).execute().getTarget())
                .extracting(Reference::getReference).containsExactly(observationId);
    }

    @Test
    void aPatientCanBeCreatedByPutToAClientAssignedId() {
        String id = Fhir.unique("put");

        var outcome = client.update().resource(Fhir.patient(id)).execute();

        assertThat(outcome.getCreated()).isTrue();
        assertThat(client.read().resource(Patient.class).withId(id).execute().getIdElement().getIdPart())
                .isEqualTo(id);
    }

    @Test
    void aConditionalUpdateCreatesOnceAndThenUpdatesTheSameResource() {
        String identifier = Fhir.unique("cond");
        String subject = Fhir.unique("cond-pat");
        client.update().resource(Fhir.patient(subject)).execute();
        Observation first = Fhir.painSeverity(subject, identifier, 4);
        Observation second = Fhir.painSeverity(subject, identifier, 5);
        String match = "Observation?identifier=" + Fhir.OBSERVATION_SYSTEM + "|" + identifier;

        var created = client.update().resource(first).conditionalByUrl(match).execute();
        var updated = client.update().resource(second).conditionalByUrl(match).execute();

        assertThat(created.getCreated()).isTrue();
        assertThat(updated.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(updated.getId().toVersionless()).isEqualTo(created.getId().toVersionless());
        assertThat(search(Observation.class,
                Observation.IDENTIFIER.exactly().systemAndIdentifier(Fhir.OBSERVATION_SYSTEM, identifier)))
                .singleElement().satisfies(o -> assertThat(o.getValueIntegerType().getValue()).isEqualTo(5));
    }

    private String provenanceId() {
        return "prov-" + submission;
    }

    /** PUT Patient, conditional creates of Observation, Flag, ServiceRequest; PUT Provenance to a derived id. */
    private Bundle intakeDelivery() {
        String observationUrl = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle();
        bundle.setType(BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(Fhir.patient(patientId))
                .getRequest().setMethod(HTTPVerb.PUT).setUrl("Patient/" + patientId);

        Observation observation = Fhir.painSeverity(patientId, submission + "-obs", 8);
        observation.getIdentifierFirstRep().setSystem(SUBMISSION_SYSTEM);
        conditionalCreate(bundle, observationUrl, observation, "Observation", submission + "-obs");

        Flag flag = new Flag();
        flag.addIdentifier().setSystem(SUBMISSION_SYSTEM).setValue(submission + "-flag");
        flag.setStatus(Flag.FlagStatus.ACTIVE);
        flag.addCategory(new CodeableConcept(new Coding(FLAG_CATEGORY, "clinical", "Clinical")));
        flag.setCode(new CodeableConcept().setText("Referral: URGENT"));
        flag.setSubject(new Reference("Patient/" + patientId));
        conditionalCreate(bundle, "urn:uuid:" + UUID.randomUUID(), flag, "Flag", submission + "-flag");

        ServiceRequest referral = new ServiceRequest();
        referral.addIdentifier().setSystem(SUBMISSION_SYSTEM).setValue(submission + "-sr");
        referral.setStatus(ServiceRequestStatus.ACTIVE);
        referral.setIntent(ServiceRequestIntent.ORDER);
        referral.setPriority(ServiceRequestPriority.URGENT);
        referral.setCode(new CodeableConcept(new Coding(SNOMED, "3457005", "Patient referral")));
        referral.setSubject(new Reference("Patient/" + patientId));
        referral.addReasonReference(new Reference(observationUrl));
        conditionalCreate(bundle, "urn:uuid:" + UUID.randomUUID(), referral, "ServiceRequest", submission + "-sr");

        Provenance provenance = new Provenance();
        provenance.setId("Provenance/" + provenanceId());
        provenance.addTarget(new Reference(observationUrl));
        provenance.setRecorded(new Date());
        provenance.addAgent().setWho(new Reference("Patient/" + patientId));
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(provenance)
                .getRequest().setMethod(HTTPVerb.PUT).setUrl("Provenance/" + provenanceId());
        return bundle;
    }

    private static void conditionalCreate(Bundle bundle, String fullUrl, IBaseResource resource, String type,
            String identifier) {
        bundle.addEntry().setFullUrl(fullUrl).setResource((org.hl7.fhir.r4.model.Resource) resource)
                .getRequest().setMethod(HTTPVerb.POST).setUrl(type)
                .setIfNoneExist("identifier=" + SUBMISSION_SYSTEM + "|" + identifier);
    }

    private <T extends IBaseResource> List<T> search(Class<T> type, ICriterion<?> first, ICriterion<?>... more) {
        var query = client.search().forResource(type).where(first);
        for (ICriterion<?> criterion : more) {
            query = query.and(criterion);
        }
        Bundle bundle = query.returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(e -> type.cast(e.getResource())).toList();
    }
}
