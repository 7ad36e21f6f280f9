-- The level an override replaced: the one that counted just before it (the triage's, or an earlier
-- override's). Where a new override's referral window starts depends on it: at the override when
-- the new level is more urgent, at the intake's receipt when it is less urgent (a downgrade never
-- buys time). Overrides stored before this column have none, and are compared with the triage's level.
alter table intake_submission add column override_replaced varchar(16);
