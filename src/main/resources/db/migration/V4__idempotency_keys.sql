-- Idempotency-Key of submissions: the same key with the same body returns the original resource.
create table idempotency_keys (
    idempotency_key varchar(255) not null,
    scope           varchar(32)  not null,
    request_sha256  char(64)     not null,
    resource_id     uuid         not null,
    created_at      timestamptz  not null,
    primary key (scope, idempotency_key)
);
create index idempotency_keys_created_at_idx on idempotency_keys (created_at);
