-- Repeats of one spec differing only by seed share a group; a sweep's experiments share its id.
alter table experiments add column group_id uuid;
alter table experiments add column sweep_id uuid;
create index experiments_group_idx on experiments (group_id) where group_id is not null;
create index experiments_sweep_idx on experiments (sweep_id) where sweep_id is not null;

-- A sweep: its base spec and the grid it expanded (json, not jsonb: the grid keeps its paths' order).
create table sweeps (
    id         uuid        primary key,
    spec       jsonb       not null,
    grid       json        not null,
    repeats    integer     not null,
    created_at timestamptz not null
);
