-- Writes of a tenant under purge. A row with a purge_id blocks the tenant's write routes (uploads,
-- indexing, packs): it is set by the same statement that admits a (non dry-run) purge, cleared
-- when that purge ends without erasing the tenant (cancelled, not started) or when an operator
-- re-opens the tenant. A completed purge keeps it: a purged tenant takes no new data until then.
-- A purge that takes over the lock of an earlier one (a completed or failed purge not re-opened)
-- keeps that one in previous_*; releasing it puts the earlier lock back.
-- upload_urls_valid_until is the latest expiry of a presigned upload URL handed out for the tenant
-- (plus a margin): a purge admitted before that instant waits at least until it, so no URL issued
-- before admission can land an object once deletion has begun. Presign and admission both write
-- this row (upserts take its row lock), so one of them always sees the other.
create table tenant_locks (
  tenant_id                text        not null,
  env                      text        not null,
  purge_id                 uuid,
  locked_at                timestamptz,
  previous_purge_id        uuid,
  previous_locked_at       timestamptz,
  upload_urls_valid_until  timestamptz,
  primary key (tenant_id, env),
  check ((purge_id is null) = (locked_at is null)),
  check ((previous_purge_id is null) = (previous_locked_at is null))
);
create index tenant_locks_purge on tenant_locks (purge_id) where purge_id is not null;
