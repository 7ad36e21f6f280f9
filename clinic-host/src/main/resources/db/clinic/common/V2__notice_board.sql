-- The clinic's notice board: what its db-scheduler task has posted.
create table clinic_notice (
  id        varchar(100) not null primary key,
  message   varchar(500) not null,
  posted_at timestamp with time zone not null
);
