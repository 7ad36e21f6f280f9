package org.example.intake.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.junit.jupiter.api.Test;

class AuditEventBundleBuilderUnitTests {

    private final AuditEventBundleBuilder builder = new AuditEventBundleBuilder();

    @Test
    void eachRecord_isAPutToAnAuditEventIdDerivedFromTheRecordId_inTheOrderGiven() {
        List<AuditRecord> records = AuditRecords.oneOfEach("a1");

        Bundle bundle = builder.build(records);

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(bundle.getEntry()).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            BundleEntryComponent entry = bundle.getEntry().get(i);
            String id = UUID.nameUUIDFromBytes(records.get(i).id().getBytes(StandardCharsets.UTF_8)).toString();
            assertThat(AuditEventBundleBuilder.auditEventId(records.get(i).id())).isEqualTo(id);
            assertThat(entry.getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
            assertThat(entry.getRequest().getUrl()).isEqualTo("AuditEvent/" + id);
            assertThat(entry.getFullUrl()).isEqualTo("urn:uuid:" + id);
            assertThat(entry.getResource().getIdElement().getIdPart()).isEqualTo(id);
        }
    }

    @Test
    void anOverride_isAnUpdateOfThePatientRecord_byTheClinician_aboutThePatientAndTheSubmission() {
        AuditEvent event = only(AuditRecords.of("a2", AuditAction.OVERRIDDEN, Optional.of("sub-9"),
                Optional.of("alex"), "Level set from EMERGENCY to URGENT"));

        assertThat(event.getType().getSystem()).isEqualTo("http://dicom.nema.org/resources/ontology/DCM");
        assertThat(event.getType().getCode()).isEqualTo("110110");
        assertThat(event.getSubtype()).singleElement().satisfies(subtype -> {
            assertThat(subtype.getSystem()).isEqualTo(AuditEventBundleBuilder.ACTION_SYSTEM);
            assertThat(subtype.getCode()).isEqualTo("overridden");
            assertThat(subtype.getDisplay()).isEqualTo(AuditAction.OVERRIDDEN.text());
        });
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.U);
        assertThat(event.getRecorded().toInstant()).isEqualTo(AuditRecords.AT);
        assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(event.getAgent()).singleElement().satisfies(agent -> {
            assertThat(agent.getRequestor()).isTrue();
            assertThat(agent.getWho().getDisplay()).isEqualTo("dr.ng");
            assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo(AuditRecords.SUB);
            assertThat(agent.getWho().hasReference()).isFalse();
            assertThat(agent.getAltId()).isEqualTo(AuditRecords.SUB);
            assertThat(agent.getName()).isEqualTo("dr.ng");
            assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("humanuser");
        });
        assertThat(event.getSource().getObserver().getDisplay()).isEqualTo("Buttock-cramp intake");
        assertThat(event.getEntity()).hasSize(2);
        AuditEventEntityComponent patient = event.getEntity().get(0);
        assertThat(patient.getWhat().getReference()).isEqualTo("Patient/alex");
        assertThat(patient.getType().getCode()).isEqualTo("1");
        assertThat(patient.getRole().getCode()).isEqualTo("1");
        AuditEventEntityComponent response = event.getEntity().get(1);
        assertThat(response.getWhat().hasReference()).isFalse();
        assertThat(response.getWhat().getType()).isEqualTo("QuestionnaireResponse");
        assertThat(response.getWhat().getIdentifier().getSystem()).isEqualTo(SubmissionBundleBuilder.SUBMISSION_SYSTEM);
        assertThat(response.getWhat().getIdentifier().getValue()).isEqualTo("sub-9");
        assertThat(response.getDescription()).isEqualTo("Level set from EMERGENCY to URGENT");
    }

    @Test
    void readsAreR_updatesU_andARedeliveryE() {
        List<AuditEvent> events = events(builder.build(AuditRecords.oneOfEach("a3")));

        assertThat(events).extracting(AuditEvent::getAction).containsExactly(AuditEvent.AuditEventAction.R,
                AuditEvent.AuditEventAction.R, AuditEvent.AuditEventAction.U, AuditEvent.AuditEventAction.U,
                AuditEvent.AuditEventAction.E, AuditEvent.AuditEventAction.R, AuditEvent.AuditEventAction.U,
                AuditEvent.AuditEventAction.E, AuditEvent.AuditEventAction.E, AuditEvent.AuditEventAction.R);
        assertThat(events).extracting(e -> e.getType().getCode()).containsExactly("110112", "110110", "110110",
                "110110", "110110", "110101", "110110", "110113", "110113", "110110");
        assertThat(events).extracting(e -> e.getSubtypeFirstRep().getCode()).containsExactly("queue-viewed",
                "intake-viewed", "reviewed", "overridden", "redelivery-requested", "audit-read", "retriaged",
                "access-denied", "not-found", "record-read");
    }

    @Test
    void aRefusedAttempt_isASecurityAlertWithAMinorFailure_andEveryOtherActionASuccess() {
        List<AuditEvent> events = events(builder.build(AuditRecords.oneOfEach("a11")));

        assertThat(events).filteredOn(e -> e.getType().getCode().equals("110113"))
                .extracting(AuditEvent::getOutcome).containsOnly(AuditEvent.AuditEventOutcome._4).hasSize(2);
        assertThat(events).filteredOn(e -> !e.getType().getCode().equals("110113"))
                .extracting(AuditEvent::getOutcome).containsOnly(AuditEvent.AuditEventOutcome._0);
        AuditEvent denied = only(AuditRecords.of("a12", AuditAction.ACCESS_DENIED, Optional.empty(), Optional.empty(),
                "GET /api/queue: 403"));
        assertThat(denied.getEntity()).singleElement().satisfies(entity -> {
            assertThat(entity.getName()).isEqualTo("Patient data");
            assertThat(entity.getDescription()).isEqualTo("GET /api/queue: 403");
        });
    }

    @Test
    void anOldRecord_whoseActorIsTheUserName_showsItAsBeforeWithoutAnIdentifier() {
        AuditEvent event = only(AuditRecords.old("a13", AuditAction.REVIEWED, Optional.of("sub-9"),
                Optional.of("alex"), "Recorded a review"));

        assertThat(event.getAgentFirstRep().getWho().getDisplay()).isEqualTo("dr.ng");
        assertThat(event.getAgentFirstRep().getWho().hasIdentifier()).isFalse();
        assertThat(event.getAgentFirstRep().hasAltId()).isFalse();
        assertThat(event.getAgentFirstRep().hasName()).isFalse();
    }

    @Test
    void aRetriage_isAnUpdateOfThePatientRecord_byTheServiceAsADataProcessor_notAHumanUser() {
        AuditEvent event = only(AuditRecords.of("a10", AuditAction.RETRIAGED, Optional.of("sub-9"),
                Optional.of("alex"), "re-triaged by rule set 1.2.0: URGENT (FORM-INCOMPLETE)"));

        assertThat(event.getType().getCode()).isEqualTo("110110");
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.U);
        assertThat(event.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("dataprocessor");
        assertThat(event.getEntity()).hasSize(2);
    }

    @Test
    void aRecordAboutNoSubmissionNorPatient_namesWhatWasUsed_andCarriesItsDetailThere() {
        AuditEvent queue = only(AuditRecords.of("a4", AuditAction.QUEUE_VIEWED, Optional.empty(), Optional.empty(),
                "12 intakes waiting"));

        assertThat(queue.getEntity()).singleElement().satisfies(entity -> {
            assertThat(entity.hasWhat()).isFalse();
            assertThat(entity.getName()).isEqualTo("Review queue");
            assertThat(entity.getDescription()).isEqualTo("12 intakes waiting");
        });
    }

    @Test
    void aRecordRead_isAReadOfThePatientRecord_aboutThatPatient() {
        AuditEvent read = only(AuditRecords.of("a14", AuditAction.RECORD_READ, Optional.empty(), Optional.of("casey"),
                "$populate"));

        assertThat(read.getType().getCode()).isEqualTo("110110");
        assertThat(read.getSubtypeFirstRep().getCode()).isEqualTo("record-read");
        assertThat(read.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(read.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(read.getEntity()).singleElement().satisfies(entity -> {
            assertThat(entity.getWhat().getReference()).isEqualTo("Patient/casey");
            assertThat(entity.getDescription()).isEqualTo("$populate");
        });
    }

    @Test
    void aRecordWithOnlyAPatientOrOnlyASubmission_hasJustThatEntity() {
        AuditEvent patientOnly = only(AuditRecords.of("a5", AuditAction.INTAKE_VIEWED, Optional.empty(),
                Optional.of("casey"), "Opened the patient's intakes"));
        AuditEvent submissionOnly = only(AuditRecords.of("a6", AuditAction.REDELIVERY_REQUESTED, Optional.of("sub-3"),
                Optional.empty(), "Asked for delivery again"));

        assertThat(patientOnly.getEntity()).singleElement().satisfies(entity -> {
            assertThat(entity.getWhat().getReference()).isEqualTo("Patient/casey");
            assertThat(entity.getDescription()).isEqualTo("Opened the patient's intakes");
        });
        assertThat(submissionOnly.getEntity()).singleElement().satisfies(entity -> {
            assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("sub-3");
            assertThat(entity.getDescription()).isEqualTo("Asked for delivery again");
        });
    }

    @Test
    void theSameRecords_giveTheSameBundle_byteForByte_andAnotherRecordIdAnotherAuditEvent() {
        var json = FhirContext.forR4Cached().newJsonParser();

        String first = json.encodeResourceToString(builder.build(AuditRecords.oneOfEach("a7")));
        String again = json.encodeResourceToString(new AuditEventBundleBuilder().build(AuditRecords.oneOfEach("a7")));
        String other = json.encodeResourceToString(builder.build(AuditRecords.oneOfEach("a8")));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).contains("\"recorded\":\"2026-11-25T11:00:00.250+00:00\"");
    }

    @Test
    void twoRecordsWithOneId_areRefused_andNoRecordsGiveAnEmptyTransaction() {
        AuditRecord record = AuditRecords.oneOfEach("a9").get(0);

        assertThatIllegalArgumentException().isThrownBy(() -> builder.build(List.of(record, record)))
                .withMessageContaining(record.id());
        assertThat(builder.build(List.of()).getEntry()).isEmpty();
    }

    private AuditEvent only(AuditRecord record) {
        List<AuditEvent> events = events(builder.build(List.of(record)));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static List<AuditEvent> events(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
    }
}
