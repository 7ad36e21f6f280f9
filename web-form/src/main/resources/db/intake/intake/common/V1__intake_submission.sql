-- The patient's intake: its submissions (every database; the long_text placeholder is clob on H2 and
-- text on PostgreSQL, see IntakeSchema). The other features add their columns and indexes to this
-- table in their own migrations, which come after this one.
create table intake_submission (
    id              varchar(64)   not null primary key,
    patient_id      varchar(64)   not null,
    idempotency_key varchar(200),
    received_at     timestamp with time zone not null,
    response_json   ${long_text}  not null,
    level           varchar(16)   not null,
    rules           varchar(2000) not null,
    rule_set        varchar(16)   not null,
    advice          varchar(2000) not null,
    delivery        varchar(16)   not null,
    attempts        int           not null,
    last_error      varchar(1000),
    delivered_at    timestamp with time zone,
    constraint intake_submission_idempotency unique (patient_id, idempotency_key)
);
create index intake_submission_patient on intake_submission (patient_id, received_at);
