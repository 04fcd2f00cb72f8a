-- API keys created by admins (configured keys live in the configuration). Only the SHA-256 of a key is stored.
create table api_keys (
    name        varchar(64) primary key,
    key_sha256  char(64)    not null unique,
    roles       varchar(64) not null,
    max_queued  integer,
    created_by  varchar(64),
    created_at  timestamptz not null,
    revoked_at  timestamptz
);

-- The key that submitted an experiment (null when security is off): submitters cancel only their own,
-- and per-key queue quotas count them.
alter table experiments add column owner varchar(64);
create index experiments_owner_status_idx on experiments (owner, status);

-- Idempotency-Keys belong to the caller that sent them: two keys never see each other's submissions.
alter table idempotency_keys add column owner varchar(64) not null default '';
alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys add primary key (scope, owner, idempotency_key);
