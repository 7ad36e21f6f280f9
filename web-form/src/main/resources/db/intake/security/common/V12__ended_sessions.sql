-- Keycloak sessions and users the issuer signed out (OpenID Connect back-channel logout, web-form's security
-- feature). The logout token reaches one node; every node looks here on each signed-in page request, so a page
-- session of a listed Keycloak session (sid), or of a listed user (sub) signed in before ended_at, ends on whichever
-- node it lives. Rows older than the longest page session are deleted: no session that old is still open.
create table intake_ended_session (
    id          varchar(36)  not null primary key,
    sid         varchar(255),
    sub         varchar(255),
    ended_at    timestamp with time zone not null,
    recorded_at timestamp with time zone not null
);
create index intake_ended_session_sid on intake_ended_session (sid);
create index intake_ended_session_sub on intake_ended_session (sub, ended_at);
create index intake_ended_session_recorded on intake_ended_session (recorded_at);
