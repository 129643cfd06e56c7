-- The purge lifecycle grows: grace periods, kill-switch blocks, operator attention, cancellation,
-- dry runs, receipts that outlive Temporal's retention, and legal holds.

alter table purge_requests
  add column current_step          text,
  add column status_detail         text,
  add column grace_period_seconds  bigint      not null default 0,
  add column dry_run               boolean     not null default false,
  add column stop_requested_at     timestamptz,
  add column stop_reason           text,
  add column updated_at            timestamptz;

drop index purge_requests_one_active;
create unique index purge_requests_one_active on purge_requests (tenant_id, env)
  where status in ('REQUESTED', 'WAITING_GRACE_PERIOD', 'RUNNING', 'BLOCKED_BY_KILL_SWITCH',
                   'NEEDS_ATTENTION');
create index purge_requests_status on purge_requests (status, requested_at desc);

-- The deletion certificate, as the workflow wrote it.
create table purge_receipts (
  purge_id    uuid        primary key references purge_requests (purge_id),
  receipt     jsonb       not null,
  created_at  timestamptz not null default now()
);

-- A tenant under legal hold may not be purged; placing and lifting are audited as events.
create table legal_holds (
  tenant_id  text        not null,
  env        text        not null,
  placed_by  text        not null,
  reason     text        not null check (btrim(reason) <> ''),
  placed_at  timestamptz not null,
  primary key (tenant_id, env)
);
