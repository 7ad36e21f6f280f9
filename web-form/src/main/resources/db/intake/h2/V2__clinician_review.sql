-- Clinicians' review: the queue's order, decisions beside the original verdict, the delivery
-- history, and the audit trail (append-only). H2 flavour.

-- The level the queue sorts by: the clinician's when they changed it, else the triage's
-- (0 EMERGENCY, 1 URGENT, 2 SOON, 3 SELF_CARE). The original level stays in "level".
alter table intake_submission add column priority smallint;
update intake_submission set priority = case level when 'EMERGENCY' then 0 when 'URGENT' then 1
    when 'SOON' then 2 else 3 end;
alter table intake_submission alter column priority set not null;
alter table intake_submission add column reviewed boolean default false not null;
alter table intake_submission add column reviewed_at timestamp with time zone;
alter table intake_submission add column reviewed_by varchar(100);
alter table intake_submission add column review_note varchar(2000);
alter table intake_submission add column override_level varchar(16);
alter table intake_submission add column override_reason varchar(2000);
alter table intake_submission add column overridden_at timestamp with time zone;
alter table intake_submission add column overridden_by varchar(100);
-- Each decision makes a new revision of what the EHR must hold; delivery records the one it sent.
alter table intake_submission add column revision int default 0 not null;
alter table intake_submission add column delivered_revision int;
-- The EHR's ids of the resources it holds for the submission ("Flag/12 ..."), from its last answer.
alter table intake_submission add column ehr_resources clob;

drop index intake_submission_queue;
create index intake_submission_queue on intake_submission (reviewed, priority, received_at, id);
create index intake_submission_queue_delivery on intake_submission (delivery, reviewed, priority, received_at, id);

create table intake_delivery_attempt (
    id            bigint generated always as identity primary key,
    submission_id varchar(64)  not null,
    revision      int          not null,
    attempt       int          not null,
    at            timestamp with time zone not null,
    result        varchar(16)  not null,
    detail        varchar(1000)
);
create index intake_delivery_attempt_submission on intake_delivery_attempt (submission_id, id);

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

create trigger intake_audit_append_only before update, delete on intake_audit
    for each row call 'org.example.intake.web.audit.AppendOnlyTrigger';
