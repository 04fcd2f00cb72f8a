-- Experiments: the source of truth for status. The resolved spec is stored whole (jsonb).
create table experiments (
    id              uuid primary key,
    name            varchar(200),
    method          varchar(40)  not null,
    status          varchar(20)  not null,
    priority        integer      not null,
    spec            jsonb        not null,
    total_epochs    integer      not null,
    current_epoch   integer      not null default 0,
    best_epoch      integer,
    best_test_top1  double precision,
    best_test_top5  double precision,
    last_test_top1  double precision,
    last_test_top5  double precision,
    attempts        integer      not null default 0,
    error           text,
    created_at      timestamptz  not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    version         bigint       not null default 0
);
create index experiments_status_idx on experiments (status);
create index experiments_created_at_idx on experiments (created_at desc);

create table experiment_tags (
    experiment_id uuid         not null references experiments (id) on delete cascade,
    tag_key       varchar(64)  not null,
    tag_value     varchar(256) not null,
    primary key (experiment_id, tag_key)
);
create index experiment_tags_key_value_idx on experiment_tags (tag_key, tag_value);

-- One row per experiment and epoch, written idempotently by the worker.
create table epoch_metrics (
    experiment_id      uuid             not null references experiments (id) on delete cascade,
    epoch              integer          not null,
    train_loss         double precision not null,
    train_top1         double precision not null,
    test_loss          double precision not null,
    test_top1          double precision not null,
    test_top5          double precision not null,
    learning_rate      double precision not null,
    epoch_seconds      double precision not null,
    samples_per_second double precision not null,
    recorded_at        timestamptz      not null,
    primary key (experiment_id, epoch)
);

-- db-scheduler's table (PostgreSQL flavour, with priority).
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
