-- A method's own per-epoch values (e.g. ctkd's learned temperature), by name.
alter table epoch_metrics add column method_diagnostics jsonb not null default '{}'::jsonb;
