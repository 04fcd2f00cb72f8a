-- Every worker instance that trains on a GPU records itself here when it starts, so a submission asking for a GPU
-- can be refused (400) while this deployment has never had one, instead of waiting in the queue forever.
create table gpu_workers (
    instance   varchar(255) primary key,
    devices    varchar(255) not null,
    first_seen timestamptz  not null,
    last_seen  timestamptz  not null
);
