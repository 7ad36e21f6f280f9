-- Delivery's own job table (db-scheduler's columns, its own name), H2 flavour.
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
