package org.example.intake.fhir.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of the intake's audit trail: who did what, when, and about which submission and
 * patient. It goes to the EHR as an {@code AuditEvent} ({@link AuditEventBundleBuilder}); the
 * AuditEvent's id derives from {@link #id()}, so the same record delivered again overwrites
 * itself instead of adding a second one.
 *
 * @param id           the record's own id, unique in the trail (e.g. a UUID or a database key); not blank
 * @param at           when it happened
 * @param actor        the user name of who did it; not blank
 * @param action       what they did
 * @param submissionId the submission it was about, when it was about one; never null; when present, a
 *                     submission id (1 to 64 letters, digits, '-' or '.')
 * @param patientId    the EHR's id of the patient it was about (the {@code <id>} of {@code Patient/<id>}),
 *                     when known; never null; when present, a FHIR id (1 to 64 letters, digits, '-' or '.')
 * @param detail       what happened, in the application's words (e.g. "Level set from EMERGENCY to URGENT");
 *                     not blank; never anything a patient wrote, since the audit trail is read more widely
 *                     than the record
 */
public record AuditRecord(String id, Instant at, String actor, AuditAction action, Optional<String> submissionId,
        Optional<String> patientId, String detail) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    public AuditRecord {
        requireText(id, "id");
        Objects.requireNonNull(at, "at");
        requireText(actor, "actor (a user name)");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(submissionId, "submissionId (Optional.empty() for none)");
        if (submissionId.isPresent() && !ID.matcher(submissionId.get()).matches()) {
            throw new IllegalArgumentException("a submission id is 1 to 64 letters, digits, '-' or '.'");
        }
        Objects.requireNonNull(patientId, "patientId (Optional.empty() for none)");
        if (patientId.isPresent() && !ID.matcher(patientId.get()).matches()) {
            throw new IllegalArgumentException("a patient id is a FHIR id: 1 to 64 letters, digits, '-' or '.'");
        }
        requireText(detail, "detail");
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
