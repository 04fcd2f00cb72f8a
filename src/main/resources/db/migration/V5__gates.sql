-- Gates of a spec's "expect", evaluated when the run ends.
alter table experiments add column gate varchar(8);
alter table experiments add column gate_reasons text;
