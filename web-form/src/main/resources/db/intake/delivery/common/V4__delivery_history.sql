-- Delivery: the revision it sent, what the EHR holds, and its history (every database).
alter table intake_submission add column delivered_revision int;
-- The EHR's ids of the resources it holds for the submission ("Flag/12 ..."), from its last answer.
alter table intake_submission add column ehr_resources ${long_text};

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
