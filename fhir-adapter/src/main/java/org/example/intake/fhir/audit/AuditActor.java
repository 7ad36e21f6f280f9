package org.example.intake.fhir.audit;

import java.util.Objects;

/**
 * Who did something the audit trail records: a stable id that the user cannot change (the
 * identity provider's {@code sub} for people, a fixed {@code system:...} id for the service's own
 * work) and the name people know them by, kept beside it as it was at the time.
 *
 * @param id   the stable id; not blank, at most {@value #MAX_ID} characters (the trail's column)
 * @param name the user name (or the system's name) at the time; not blank; longer than
 *             {@value #MAX_NAME} characters is cut
 */
public record AuditActor(String id, String name) {

    /** The longest id the trail keeps. */
    public static final int MAX_ID = 100;
    /** The longest name the trail keeps; a longer one is cut. */
    public static final int MAX_NAME = 255;

    public AuditActor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an actor's id must not be blank");
        }
        if (id.length() > MAX_ID) {
            throw new IllegalArgumentException("an actor's id is at most " + MAX_ID + " characters");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("an actor's name must not be blank");
        }
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME - 1) + "…";
        }
    }

    /** The service itself doing work no user asked for, e.g. {@code system("retriage", "Re-triage")}. */
    public static AuditActor system(String job, String name) {
        return new AuditActor("system:" + job, name);
    }

    /** Whether this is the service itself ({@link #system}), not a person. */
    public boolean isSystem() {
        return id.startsWith("system:");
    }
}
