-- Epochs belong to a phase: a teacher trained inside the experiment first, then the student.
alter table epoch_metrics add column phase varchar(16) not null default 'student';
alter table epoch_metrics drop constraint epoch_metrics_pkey;
alter table epoch_metrics add primary key (experiment_id, phase, epoch);

-- The method's loss components and the paper's logit diagnostics of each epoch.
alter table epoch_metrics add column loss_terms jsonb not null default '{}'::jsonb;
alter table epoch_metrics add column teacher_agreement double precision;
alter table epoch_metrics add column kl double precision;
alter table epoch_metrics add column standardized_kl double precision;
alter table epoch_metrics add column student_logit_mean double precision;
alter table epoch_metrics add column student_logit_std double precision;
alter table epoch_metrics add column teacher_logit_mean double precision;
alter table epoch_metrics add column teacher_logit_std double precision;

-- An experiment whose teacher is another experiment waits for it.
alter table experiments add column teacher_experiment_id uuid references experiments (id);
create index experiments_teacher_idx on experiments (teacher_experiment_id) where teacher_experiment_id is not null;

-- Checkpoint files, each with the SHA-256 of its bytes.
create table checkpoints (
    experiment_id uuid         not null references experiments (id) on delete cascade,
    name          varchar(64)  not null,
    kind          varchar(16)  not null,
    epoch         integer      not null,
    size_bytes    bigint       not null,
    sha256        char(64)     not null,
    created_at    timestamptz  not null,
    primary key (experiment_id, name)
);

-- Which phase a running experiment is in (teacher training first, then the student).
alter table experiments add column phase varchar(16);

-- Cooperative cancel of a running experiment: the worker checks this between batches.
alter table experiments add column cancel_requested boolean not null default false;

-- The device the (latest attempt of the) experiment trains on, e.g. cpu or gpu1.
alter table experiments add column device varchar(16);

-- How far the running student epoch is (0 to 1), updated every few seconds for live progress.
alter table experiments add column epoch_fraction double precision not null default 0;
