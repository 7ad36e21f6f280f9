-- The audit trail's hash chain (org.example.intake.fhir.audit.AuditChain): each record's sequence number (1, 2, ...),
-- the hash of the record before it and its own hash, lower-case hex SHA-256. V10 chains the records already here and
-- makes the three columns required; the unique sequence number keeps the chain from forking.
alter table intake_audit add column seq bigint;
alter table intake_audit add column previous_hash varchar(64);
alter table intake_audit add column hash varchar(64);
alter table intake_audit add constraint intake_audit_seq unique (seq);

-- The chain's head: the last sequence number and hash. Appends lock its one row (SELECT ... FOR UPDATE), so that
-- appends from every node make one chain in commit order. The app's role may read and update it; verification
-- compares it with the last record, so records removed from the end are found.
create table intake_audit_head (
    id   int         not null primary key,
    seq  bigint      not null,
    hash varchar(64) not null,
    constraint intake_audit_head_one_row check (id = 1)
);
insert into intake_audit_head (id, seq, hash)
    values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Which records the EHR holds as AuditEvents, insert-only (it replaces the outbox, whose rows were deleted): a
-- record without a row here is still to be exported. What was in the outbox is still to be exported; every other
-- record was exported already.
create table intake_audit_exported (
    audit_id varchar(36) not null primary key,
    at       timestamp with time zone not null,
    constraint intake_audit_exported_audit foreign key (audit_id) references intake_audit (id)
);
insert into intake_audit_exported (audit_id, at)
    select a.id, current_timestamp from intake_audit a
    where not exists (select 1 from intake_audit_outbox o where o.audit_id = a.id);
drop table intake_audit_outbox;
