-- Models imported from PyTorch (issue #12): a safetensors state dict of a zoo architecture, or a TorchScript module.
-- The uploaded file and, for safetensors, the parameter file converted from it live under distillery.models.dir;
-- both SHA-256s are recorded and checked before every use.
create table imported_models (
    id                 uuid         primary key,
    name               varchar(200) not null,
    format             varchar(16)  not null,
    architecture       varchar(64)  not null,
    channels           integer      not null,
    height             integer      not null,
    width              integer      not null,
    classes            integer      not null,
    dataset            varchar(64),
    size_bytes         bigint       not null,
    sha256             varchar(64)  not null,
    parameters_sha256  varchar(64),
    owner              varchar(64),
    created_at         timestamptz  not null
);

-- The frozen teacher's own test accuracy, measured once before the student's first epoch (issue #12).
alter table experiments add column teacher_test_top1 double precision;
alter table experiments add column teacher_test_top5 double precision;
