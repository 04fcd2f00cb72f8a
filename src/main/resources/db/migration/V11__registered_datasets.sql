-- Datasets an admin registered (a server-side path, or an uploaded image folder unpacked under the data dir).
create table registered_datasets (
    name          varchar(64)  primary key,
    format        varchar(20)  not null,
    path          text         not null,
    image_size    integer,
    uploaded      boolean      not null default false,
    registered_by varchar(64),
    registered_at timestamptz  not null
);
