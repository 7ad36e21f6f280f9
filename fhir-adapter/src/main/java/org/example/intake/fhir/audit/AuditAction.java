package org.example.intake.fhir.audit;

/**
 * What a user of the intake did that the audit trail records. Each action has a stable code (it
 * goes to the EHR as {@code AuditEvent.subtype}, so never rename one), words for people, and
 * whether it read, changed or set something off.
 */
public enum AuditAction {
    /** A clinician looked at the queue of submissions waiting for review. */
    QUEUE_VIEWED("queue-viewed", "Viewed the review queue", Operation.READ),
    /** A clinician opened one submission. */
    INTAKE_VIEWED("intake-viewed", "Viewed an intake", Operation.READ),
    /** A clinician recorded a review of a submission. */
    REVIEWED("reviewed", "Reviewed an intake", Operation.UPDATE),
    /** A clinician set a submission's level instead of the triage's. */
    OVERRIDDEN("overridden", "Overrode the triage level of an intake", Operation.UPDATE),
    /** A user asked for a submission to be delivered to the EHR again. */
    REDELIVERY_REQUESTED("redelivery-requested", "Asked for an intake to be delivered to the EHR again",
            Operation.EXECUTE),
    /**
     * The service re-triaged a waiting submission under a newer red-flag rule set (the actor is
     * the system); the original verdict is kept beside the new one.
     */
    RETRIAGED("retriaged", "Re-triaged an intake under a newer rule set", Operation.UPDATE),
    /**
     * A user (a clinician through {@code $populate}, or a patient opening their form or asking {@code $populate} for
     * themselves) had the patient's health record read from the EHR to prefill the form. The detail says through
     * what.
     */
    RECORD_READ("record-read", "Read the patient's health record from the EHR", Operation.READ),
    /** A user read the audit trail itself. */
    AUDIT_READ("audit-read", "Read the audit trail", Operation.READ),
    /**
     * A request for patient data or a clinician's function was refused (401 or 403): a caller without a valid
     * token or login, or whose role does not allow it. The detail names the route and the status.
     */
    ACCESS_DENIED("access-denied", "Was refused access to patient data", Operation.EXECUTE),
    /**
     * A signed-in user asked for a submission that does not exist or is not theirs (404; a patient cannot tell
     * the two apart). The detail names the route and the status.
     */
    NOT_FOUND("not-found", "Asked for an intake that does not exist or is not theirs", Operation.EXECUTE);

    /** What an action does to the records it is about. */
    public enum Operation {
        /** Looks at records without changing them. */
        READ,
        /** Changes a record. */
        UPDATE,
        /**
         * Sets off a process (e.g. a delivery) without changing a record itself, or an attempt to use a
         * function that was refused.
         */
        EXECUTE
    }

    private final String code;
    private final String text;
    private final Operation operation;

    AuditAction(String code, String text, Operation operation) {
        this.code = code;
        this.text = text;
        this.operation = operation;
    }

    /** The stable code, lower case with hyphens (e.g. {@code intake-viewed}). */
    public String code() {
        return code;
    }

    /** What the user did, in words for a person reading the trail (e.g. "Viewed an intake"). */
    public String text() {
        return text;
    }

    /** Whether it reads, updates or executes. */
    public Operation operation() {
        return operation;
    }

    /** Whether the action only read records. */
    public boolean reads() {
        return operation == Operation.READ;
    }

    /** Whether the action is an attempt that was refused (nothing was shown or done). */
    public boolean refused() {
        return this == ACCESS_DENIED || this == NOT_FOUND;
    }

    /** Whether the action changed a record. */
    public boolean updates() {
        return operation == Operation.UPDATE;
    }
}
