package org.example.intake.fhir.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Turns audit records into one FHIR R4 transaction Bundle of {@code AuditEvent}s for the EHR.
 *
 * <p>AuditEvent has no identifier element, so each entry is a PUT to
 * {@code AuditEvent/<}{@link #auditEventId(String) name-based UUID of the record id}{@code >}: a
 * repeated delivery overwrites each event with identical content instead of adding a second one.
 * The same records always give the same Bundle, byte for byte. Thread-safe.
 *
 * <p>Each AuditEvent:
 * <ul>
 * <li>{@code type}: a DICOM audit event id (in R4's AuditEvent type value set): 110110 "Patient
 *     Record" for what is done to one intake, 110112 "Query" for viewing the review queue, 110101
 *     "Audit Log Used" for reading the trail. Chosen over {@code audit-event-type|rest} ("RESTful
 *     Operation"), which also validates, because these are a user's actions in the intake
 *     application, not REST interactions with a FHIR server;</li>
 * <li>{@code subtype}: the {@link AuditAction#code()} in {@link #ACTION_SYSTEM}, with its text;</li>
 * <li>{@code action}: R for reads, U for updates, E for a requested redelivery or a refused attempt; {@code outcome} 0;
 *     {@code recorded}: the record's time (UTC, to the millisecond);</li>
 * <li>{@code outcome} 4 (minor failure) instead for a refused attempt ({@link AuditAction#refused()}), whose
 *     type is DICOM 110113 "Security Alert";</li>
 * <li>one agent, the requestor: a human user (a data processor for the service's own work, actor
 *     {@code system:...}); {@code who.identifier.value} and {@code altId} (R4's "user identifier from the
 *     authentication system") are the actor's stable id, the identity provider's {@code sub}, and
 *     {@code who.display} and {@code name} the user name kept beside it. A record made before names were kept
 *     apart has only {@code who.display}, its actor (then the user name);</li>
 * <li>{@code source.observer}: "Buttock-cramp intake", an application server;</li>
 * <li>entities: the patient ({@code Patient/<id>}) when known, then the submission's
 *     QuestionnaireResponse, referenced by its identifier ({@link SubmissionBundleBuilder#SUBMISSION_SYSTEM}),
 *     when known; with neither, one entity naming what was used (the review queue, the audit trail).
 *     The last entity's {@code description} is the record's detail.</li>
 * </ul>
 */
public final class AuditEventBundleBuilder {

    /** Code system of the intake's audit actions ({@code AuditEvent.subtype}): {@link AuditAction#code()}. */
    public static final String ACTION_SYSTEM = "http://example.org/fhir/CodeSystem/buttock-cramp-audit-action";
    /** What {@code AuditEvent.source.observer.display} says. */
    public static final String OBSERVER = "Buttock-cramp intake";

    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String ENTITY_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE_SYSTEM = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String SOURCE_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String AGENT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    /**
     * One transaction Bundle with an AuditEvent per record, in the order given; never null. An
     * empty list gives a transaction without entries.
     *
     * @throws IllegalArgumentException if two records share an id (they would be one AuditEvent)
     */
    public Bundle build(List<AuditRecord> records) {
        Objects.requireNonNull(records, "records");
        Set<String> ids = new HashSet<>();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (AuditRecord record : records) {
            Objects.requireNonNull(record, "a record in the list");
            if (!ids.add(record.id())) {
                throw new IllegalArgumentException("two audit records have the id " + record.id());
            }
            AuditEvent event = auditEvent(record);
            String id = event.getIdElement().getIdPart();
            bundle.addEntry()
                    .setFullUrl("urn:uuid:" + id)
                    .setResource(event)
                    .getRequest().setMethod(HTTPVerb.PUT).setUrl("AuditEvent/" + id);
        }
        return bundle;
    }

    /** The id of the AuditEvent of the record with this id: a name-based UUID of it, the same every time. */
    public static String auditEventId(String recordId) {
        Objects.requireNonNull(recordId, "recordId");
        return UUID.nameUUIDFromBytes(recordId.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static AuditEvent auditEvent(AuditRecord record) {
        AuditAction action = record.action();
        AuditEvent event = new AuditEvent();
        event.setId(auditEventId(record.id()));
        event.setType(eventType(action));
        event.addSubtype(new Coding(ACTION_SYSTEM, action.code(), action.text()));
        event.setAction(switch (action.operation()) {
            case READ -> AuditEvent.AuditEventAction.R;
            case UPDATE -> AuditEvent.AuditEventAction.U;
            case EXECUTE -> AuditEvent.AuditEventAction.E;
        });
        event.setRecordedElement(new InstantType(Date.from(record.at()), TemporalPrecisionEnum.MILLI, UTC));
        event.setOutcome(action.refused() ? AuditEvent.AuditEventOutcome._4 : AuditEvent.AuditEventOutcome._0);
        AuditEvent.AuditEventAgentComponent agent = event.addAgent()
                .setType(new CodeableConcept(action == AuditAction.RETRIAGED || record.actor().startsWith("system:")
                        ? new Coding(AGENT_TYPE_SYSTEM, "dataprocessor", "data processor")
                        : new Coding(AGENT_TYPE_SYSTEM, "humanuser", "human user")))
                .setWho(new Reference().setDisplay(record.actorDisplay()))
                .setRequestor(true);
        record.actorName().ifPresent(name -> {
            agent.getWho().setIdentifier(new Identifier().setValue(record.actor()));
            agent.setAltId(record.actor()).setName(name);
        });
        event.getSource()
                .setObserver(new Reference().setDisplay(OBSERVER))
                .addType(new Coding(SOURCE_TYPE_SYSTEM, "4", "Application Server"));

        AuditEventEntityComponent last = null;
        if (record.patientId().isPresent()) {
            last = event.addEntity()
                    .setWhat(new Reference("Patient/" + record.patientId().get()))
                    .setType(new Coding(ENTITY_TYPE_SYSTEM, "1", "Person"))
                    .setRole(new Coding(OBJECT_ROLE_SYSTEM, "1", "Patient"));
        }
        if (record.submissionId().isPresent()) {
            last = event.addEntity()
                    .setWhat(new Reference().setType("QuestionnaireResponse").setIdentifier(new Identifier()
                            .setSystem(SubmissionBundleBuilder.SUBMISSION_SYSTEM).setValue(record.submissionId().get())))
                    .setType(new Coding(ENTITY_TYPE_SYSTEM, "2", "System Object"))
                    .setRole(new Coding(OBJECT_ROLE_SYSTEM, "4", "Domain Resource"));
        }
        if (last == null) {
            last = event.addEntity()
                    .setType(new Coding(ENTITY_TYPE_SYSTEM, "2", "System Object"))
                    .setName(usedObject(action));
        }
        last.setDescription(record.detail());
        return event;
    }

    private static Coding eventType(AuditAction action) {
        return switch (action) {
            case QUEUE_VIEWED -> new Coding(DICOM, "110112", "Query");
            case ACCESS_DENIED, NOT_FOUND -> new Coding(DICOM, "110113", "Security Alert");
            case AUDIT_READ -> new Coding(DICOM, "110101", "Audit Log Used");
            case INTAKE_VIEWED, REVIEWED, OVERRIDDEN, REDELIVERY_REQUESTED, RETRIAGED, RECORD_READ ->
                    new Coding(DICOM, "110110", "Patient Record");
        };
    }

    /** What an action names no submission nor patient for was done to. */
    private static String usedObject(AuditAction action) {
        return switch (action) {
            case QUEUE_VIEWED -> "Review queue";
            case AUDIT_READ -> "Audit trail";
            case ACCESS_DENIED, NOT_FOUND -> "Patient data";
            default -> OBSERVER;
        };
    }
}
