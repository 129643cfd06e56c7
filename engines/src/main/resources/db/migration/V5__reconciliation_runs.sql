-- The nightly quota reconciliation (QuotaReconciliationWorkflow). A run measures every tenant's
-- real usage and corrects quota_ledger as a delta against the ledger state it snapshotted at the
-- run's start (docs/architecture.md, "Quota reconciliation"), so uploads admitted while the run
-- measures are neither lost nor counted twice.

create table reconciliation_runs (
  reconciliation_id  text        primary key,
  env                text        not null,
  status             text        not null,
  dry_run            boolean     not null default false,
  mode               text,
  -- null: every tenant (ledger rows and tenants found in the stores)
  tenant_ids         text[],
  requested_by       text        not null,
  trace_id           text,
  workflow_id        text        not null,
  requested_at       timestamptz not null,
  -- the ledger snapshot; objects modified at or after cutoff_at are left to the next run
  snapshot_at        timestamptz,
  cutoff_at          timestamptz,
  completed_at       timestamptz,
  detail             text
);
-- One running reconciliation per environment, whatever races the API and the Schedule see.
create unique index reconciliation_runs_one_running on reconciliation_runs (env)
  where status = 'RUNNING';
create index reconciliation_runs_recent on reconciliation_runs (env, requested_at desc);

-- The ledger as the run found it: usage and the object keys of open reservations (their bytes are
-- counted as reserved, so the measurement leaves those objects out).
create table reconciliation_baselines (
  reconciliation_id  text        not null references reconciliation_runs (reconciliation_id),
  tenant_id          text        not null,
  env                text        not null,
  bytes_used         bigint      not null,
  objects            bigint      not null,
  open_keys          text[]      not null default '{}',
  primary key (reconciliation_id, tenant_id)
);

-- One row per tenant the run deals with: what was measured, what was done about it.
-- state: PENDING -> MEASURED -> APPLIED | UNCHANGED | DEFERRED | FAILED | DRY_RUN
create table reconciliation_tenants (
  reconciliation_id   text        not null references reconciliation_runs (reconciliation_id),
  tenant_id           text        not null,
  env                 text        not null,
  state               text        not null,
  current_objects     bigint      not null default 0,
  current_bytes       bigint      not null default 0,
  noncurrent_objects  bigint      not null default 0,
  noncurrent_bytes    bigint      not null default 0,
  documents           bigint,
  bytes_before        bigint,
  bytes_after         bigint,
  drift_bytes         bigint,
  drift_objects       bigint,
  attempts            int         not null default 0,
  error               text,
  updated_at          timestamptz not null,
  primary key (reconciliation_id, tenant_id)
);
create index reconciliation_tenants_state on reconciliation_tenants (reconciliation_id, state, tenant_id);
