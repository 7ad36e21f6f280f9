package org.example.intake.web.intake;

import java.util.Optional;

import org.example.intake.fhir.audit.AuditActor;

/**
 * A clinician's read of one submission through the intake API ({@code GET /api/intakes/{id}}),
 * recorded in the audit trail as every clinician's read is: provided by the clinicians' queue.
 */
@FunctionalInterface
public interface ClinicianReads {

    /**
     * The submission as the API shows a clinician, recorded in the audit trail; empty when there
     * is none with this id.
     *
     * @param clinician the clinician (stable id and name), for the audit trail
     */
    Optional<StoredSubmission> read(AuditActor clinician, String id);
}
