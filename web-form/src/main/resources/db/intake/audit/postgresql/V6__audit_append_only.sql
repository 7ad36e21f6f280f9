-- The audit trail is append-only: a trigger refuses every update and delete. PostgreSQL flavour.
create function intake_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'intake_audit is append-only: % refused', tg_op;
end
$$;
create trigger intake_audit_append_only before update or delete on intake_audit
    for each row execute function intake_audit_append_only();
