-- TRUNCATE of the audit trail is refused too (a statement trigger: TRUNCATE fires no row triggers), also for its owner
-- by accident; the same function as the update and delete guard (V6). PostgreSQL flavour.
create trigger intake_audit_no_truncate before truncate on intake_audit
    for each statement execute function intake_audit_append_only();
