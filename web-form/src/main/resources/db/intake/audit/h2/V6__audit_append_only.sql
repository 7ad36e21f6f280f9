-- The audit trail is append-only: a Java trigger refuses every update and delete. H2 flavour.
create trigger intake_audit_append_only before update, delete on intake_audit
    for each row call 'org.example.intake.web.audit.AppendOnlyTrigger';
