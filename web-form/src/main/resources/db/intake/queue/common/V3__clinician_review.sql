-- Clinicians' review: the queue's order and decisions beside the original verdict (every database).

-- The level the queue sorts by: the clinician's when they changed it, else the triage's
-- (0 EMERGENCY, 1 URGENT, 2 SOON, 3 SELF_CARE). The original level stays in "level".
alter table intake_submission add column priority smallint not null;
alter table intake_submission add column reviewed boolean default false not null;
alter table intake_submission add column reviewed_at timestamp with time zone;
alter table intake_submission add column reviewed_by varchar(100);
alter table intake_submission add column review_note varchar(2000);
alter table intake_submission add column override_level varchar(16);
alter table intake_submission add column override_reason varchar(2000);
alter table intake_submission add column overridden_at timestamp with time zone;
alter table intake_submission add column overridden_by varchar(100);
-- Each decision makes a new revision of what the EHR must hold (delivery records the one it sent).
alter table intake_submission add column revision int default 0 not null;

create index intake_submission_queue on intake_submission (reviewed, priority, received_at, id);
create index intake_submission_queue_delivery on intake_submission (delivery, reviewed, priority, received_at, id);
