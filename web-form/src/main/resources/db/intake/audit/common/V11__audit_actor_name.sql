-- The audit trail's actor is the identity provider's stable id (the token's sub, or system:... for the service's
-- own work); the user name at the time is kept beside it. Rows written before this have their user name in actor
-- and no actor_name. Adding a column with no default rewrites no row, so the append-only triggers are not fired.
alter table intake_audit add column actor_name varchar(255);
