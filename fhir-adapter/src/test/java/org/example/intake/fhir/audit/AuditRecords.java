package org.example.intake.fhir.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Audit records the audit tests share: one of each action, as the web app would write them. */
final class AuditRecords {

    static final Instant AT = Instant.parse("2026-11-25T11:00:00.250Z");
    /** The clinician's {@code sub} at the identity provider, stable whatever their user name. */
    static final String SUB = "7f1c2e9a-5d41-4b8e-9c3a-2a6f0d8e4b17";
    static final AuditActor DR_NG = new AuditActor(SUB, "dr.ng");

    private AuditRecords() {
    }

    static AuditRecord of(String id, AuditAction action, Optional<String> submissionId, Optional<String> patientId,
            String detail) {
        return new AuditRecord(id, AT, DR_NG, action, submissionId, patientId, detail);
    }

    /** A record as made before names were kept apart: the actor is the user name, with no name beside it. */
    static AuditRecord old(String id, AuditAction action, Optional<String> submissionId, Optional<String> patientId,
            String detail) {
        return new AuditRecord(id, AT, "dr.ng", action, submissionId, patientId, detail);
    }

    /** One record of every action; those about one intake name the submission and Patient/alex. */
    static List<AuditRecord> oneOfEach(String prefix) {
        return List.of(
                of(prefix + "-1", AuditAction.QUEUE_VIEWED, Optional.empty(), Optional.empty(),
                        "Opened the review queue: 12 intakes waiting"),
                of(prefix + "-2", AuditAction.INTAKE_VIEWED, Optional.of(prefix + "-sub"), Optional.of("alex"),
                        "Opened the intake"),
                of(prefix + "-3", AuditAction.REVIEWED, Optional.of(prefix + "-sub"), Optional.of("alex"),
                        "Recorded a review"),
                of(prefix + "-4", AuditAction.OVERRIDDEN, Optional.of(prefix + "-sub"), Optional.of("alex"),
                        "Level set from EMERGENCY to URGENT"),
                of(prefix + "-5", AuditAction.REDELIVERY_REQUESTED, Optional.of(prefix + "-sub"), Optional.of("alex"),
                        "Asked for delivery to the EHR again"),
                of(prefix + "-6", AuditAction.AUDIT_READ, Optional.empty(), Optional.empty(),
                        "Read the audit trail of the last 7 days"),
                of(prefix + "-7", AuditAction.RETRIAGED, Optional.of(prefix + "-sub"), Optional.of("alex"),
                        "Re-triaged by rule set 1.2.0: URGENT (FORM-INCOMPLETE); triaged SELF_CARE by rule set 1.1.0"),
                of(prefix + "-8", AuditAction.ACCESS_DENIED, Optional.empty(), Optional.empty(),
                        "GET /api/queue: 403"),
                of(prefix + "-9", AuditAction.NOT_FOUND, Optional.of(prefix + "-sub"), Optional.empty(),
                        "GET /api/intakes/{id}: 404"),
                of(prefix + "-10", AuditAction.RECORD_READ, Optional.empty(), Optional.of("casey"),
                        "Questionnaire $populate"));
    }
}
