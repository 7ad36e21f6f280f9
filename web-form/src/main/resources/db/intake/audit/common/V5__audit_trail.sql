-- The audit trail (every database); V6, one per database, makes intake_audit append-only.
create table intake_audit (
    id            varchar(36)  not null primary key,
    at            timestamp with time zone not null,
    actor         varchar(100) not null,
    action        varchar(32)  not null,
    submission_id varchar(64),
    patient_id    varchar(64),
    detail        varchar(8000) not null
);
create index intake_audit_at on intake_audit (at, id);
create index intake_audit_submission on intake_audit (submission_id, at);

-- The audit records still to be written to the EHR as AuditEvents (an outbox: a row leaves once the
-- EHR holds its record), kept apart so that intake_audit itself is never updated.
create table intake_audit_outbox (
    audit_id varchar(36) not null primary key,
    at       timestamp with time zone not null
);
create index intake_audit_outbox_at on intake_audit_outbox (at, audit_id);
