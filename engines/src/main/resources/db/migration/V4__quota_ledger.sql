-- The quota ledger: one row per tenant and environment holds its limits (null = the deployment's
-- default, WARDEN_QUOTA_*), its measured usage and its open reservations. The invariant
-- used + reserved <= limit holds under any concurrency because every admission is one conditional
-- UPDATE (the row lock orders concurrent writers and PostgreSQL re-checks the condition on the
-- locked row), never a read followed by a write.

create table quota_ledger (
  tenant_id               text        not null,
  env                     text        not null,
  storage_bytes_limit     bigint      check (storage_bytes_limit >= 0),
  index_ops_per_day_limit bigint      check (index_ops_per_day_limit >= 0),
  -- per route class overrides of the rate-limit defaults, e.g. {"search": "100/1m"}
  rate_limits             jsonb       not null default '{}'::jsonb,
  limits_changed_by       text,
  limits_changed_at       timestamptz,
  limits_reason           text,
  storage_bytes_used      bigint      not null default 0 check (storage_bytes_used >= 0),
  storage_objects         bigint      not null default 0 check (storage_objects >= 0),
  storage_bytes_reserved  bigint      not null default 0 check (storage_bytes_reserved >= 0),
  -- indexing ops are counted per UTC day: the counter belongs to index_ops_day
  index_ops_day           date,
  index_ops_used          bigint      not null default 0 check (index_ops_used >= 0),
  -- set by the nightly reconciliation
  index_documents         bigint,
  last_reconciled_at      timestamptz,
  last_drift_bytes        bigint,
  last_reconciliation_id  text,
  updated_at              timestamptz not null,
  primary key (tenant_id, env)
);

-- Bytes promised to a presigned upload. A row is an open reservation; settling it (the object
-- arrived: its bytes move to used; or the URL expired without it: released) deletes the row and
-- adjusts the ledger row in the same transaction.
create table quota_reservations (
  reservation_id  uuid        primary key,
  tenant_id       text        not null,
  env             text        not null,
  object_key      text        not null unique,
  bytes           bigint      not null check (bytes > 0),
  reserved_at     timestamptz not null,
  expires_at      timestamptz not null,
  actor           text        not null,
  trace_id        text,
  foreign key (tenant_id, env) references quota_ledger (tenant_id, env)
);
create index quota_reservations_tenant on quota_reservations (tenant_id, env, expires_at);
