-- Warden's own state. PostgreSQL is the system of record: Temporal's retention is no archive.

create table dataset_events (
  seq          bigserial   not null unique,
  event_id     uuid        primary key,
  type         text        not null,
  tenant_id    text,
  env          text,
  actor        text        not null,
  trace_id     text,
  occurred_at  timestamptz not null,
  attributes   jsonb       not null default '{}'::jsonb
);
create index dataset_events_tenant on dataset_events (tenant_id, seq);

-- The audit trail is append-only: the database itself refuses changes.
create function dataset_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'dataset_events is append-only (% refused)', tg_op;
end;
$$;
create trigger dataset_events_no_update before update or delete on dataset_events
  for each row execute function dataset_events_append_only();

create table purge_requests (
  purge_id      uuid        primary key,
  tenant_id     text        not null,
  env           text        not null,
  requested_by  text        not null,
  reason        text        not null,
  ticket        text,
  trace_id      text,
  status        text        not null,
  workflow_id   text        not null,
  run_id        text,
  requested_at  timestamptz not null,
  started_at    timestamptz,
  completed_at  timestamptz
);
-- One live purge per tenant and environment, whatever races the API sees.
create unique index purge_requests_one_active on purge_requests (tenant_id, env)
  where status in ('REQUESTED', 'RUNNING');
create index purge_requests_tenant on purge_requests (tenant_id, requested_at desc);

create table purge_steps (
  purge_id      uuid        not null references purge_requests (purge_id),
  step          text        not null,
  items         bigint      not null,
  bytes         bigint      not null,
  completed_at  timestamptz not null,
  primary key (purge_id, step)
);
