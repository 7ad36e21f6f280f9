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
 * @param actor        who did it: their stable id ({@link AuditActor#id()}, the identity provider's {@code sub}, or
 *                     {@code system:...}); in records made before names were kept apart, the user name; not blank
 * @param actorName    the name of who did it as it was then ({@link AuditActor#name()}); never null; empty only in
 *                     records made before names were kept apart, whose {@code actor} is the user name
 * @param action       what they did
 * @param submissionId the submission it was about, when it was about one; never null; when present, a
 *                     submission id (1 to 64 letters, digits, '-' or '.')
 * @param patientId    the EHR's id of the patient it was about (the {@code <id>} of {@code Patient/<id>}),
 *                     when known; never null; when present, a FHIR id (1 to 64 letters, digits, '-' or '.')
 * @param detail       what happened, in the application's words (e.g. "Level set from EMERGENCY to URGENT");
 *                     not blank; never anything a patient wrote, since the audit trail is read more widely
 *                     than the record
 */
public record AuditRecord(String id, Instant at, String actor, Optional<String> actorName, AuditAction action,
        Optional<String> submissionId, Optional<String> patientId, String detail) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    public AuditRecord {
        requireText(id, "id");
        Objects.requireNonNull(at, "at");
        requireText(actor, "actor (a user's id)");
        Objects.requireNonNull(actorName, "actorName (Optional.empty() for an old record)");
        if (actorName.isPresent() && actorName.get().isBlank()) {
            throw new IllegalArgumentException("an actor's name must not be blank");
        }
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

    /** A record of what this actor did. */
    public AuditRecord(String id, Instant at, AuditActor actor, AuditAction action, Optional<String> submissionId,
            Optional<String> patientId, String detail) {
        this(id, at, Objects.requireNonNull(actor, "actor").id(), Optional.of(actor.name()), action, submissionId,
                patientId, detail);
    }

    /** A record as made before names were kept apart from ids: {@code actor} is the user name, no name beside it. */
    public AuditRecord(String id, Instant at, String actor, AuditAction action, Optional<String> submissionId,
            Optional<String> patientId, String detail) {
        this(id, at, actor, Optional.empty(), action, submissionId, patientId, detail);
    }

    /** The name to show for who did it: the name kept beside the id, or, in an old record, the actor itself. */
    public String actorDisplay() {
        return actorName.orElse(actor);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
