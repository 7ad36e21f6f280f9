-- The intake's submissions and the plugin's own job table (db-scheduler's columns, its own name), H2 flavour.
create table intake_submission (
    id              varchar(64)   not null primary key,
    patient_id      varchar(64)   not null,
    idempotency_key varchar(200),
    received_at     timestamp with time zone not null,
    response_json   clob          not null,
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
create index intake_submission_queue on intake_submission (level, received_at);

create table intake_scheduled_tasks (
    task_name            varchar(100)  not null,
    task_instance        varchar(100)  not null,
    task_data            blob,
    execution_time       timestamp with time zone not null,
    picked               boolean       not null,
    picked_by            varchar(50),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint        not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index intake_scheduled_tasks_execution_time on intake_scheduled_tasks (execution_time);
create index intake_scheduled_tasks_last_heartbeat on intake_scheduled_tasks (last_heartbeat);
create index intake_scheduled_tasks_priority_execution_time on intake_scheduled_tasks (priority desc, execution_time asc);
