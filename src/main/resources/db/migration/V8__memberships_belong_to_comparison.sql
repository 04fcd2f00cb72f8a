-- Which group of repeats and which sweep an experiment belongs to is the comparison module's record, no longer two
-- columns of experiments. seq keeps the order members were recorded in (seed order within a group).
create table experiment_memberships (
    experiment_id uuid   primary key references experiments (id) on delete cascade,
    group_id      uuid   not null,
    sweep_id      uuid,
    seq           bigint generated always as identity
);
create index experiment_memberships_group_idx on experiment_memberships (group_id);
create index experiment_memberships_sweep_idx on experiment_memberships (sweep_id) where sweep_id is not null;

-- Every experiment of a sweep was submitted in a group, so group_id is set wherever sweep_id is.
insert into experiment_memberships (experiment_id, group_id, sweep_id)
select id, group_id, sweep_id
from experiments
where group_id is not null
order by created_at, (spec ->> 'seed')::bigint, id;

alter table experiments drop column group_id;
alter table experiments drop column sweep_id;
