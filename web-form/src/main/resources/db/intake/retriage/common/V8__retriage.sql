-- Re-triage by a newer rule set (web-form's retriage feature): the newer rules' verdict is kept
-- beside the original one, which stays as it was (level, rules, rule_set, advice: what the patient
-- was told). A submission counts as triaged by coalesce(retriage_rule_set, rule_set).
alter table intake_submission add column retriage_level varchar(16);
alter table intake_submission add column retriage_rules varchar(2000);
alter table intake_submission add column retriage_rule_set varchar(16);
alter table intake_submission add column retriaged_at timestamp with time zone;
