-- Where each lane of a purge's storage step stands, written around every page so that a retried
-- attempt knows exactly what the attempts before it deleted (heartbeats are throttled and may be
-- lost; a timed-out attempt can go on running). One row per purge and shard: the shard's index as
-- text, or 'all' for a purge of the whole prefix.
-- owner (the activity execution: workflow run and activity id) and attempt fence the writers:
-- every write names both, and a write that matches no row means a newer attempt owns the shard.
-- last_key, objects, bytes and pages are the committed cursor; pending_* describe the page whose
-- DeleteObjects call(s) may have run but is not folded into the cursor yet (pending_key_versions:
-- on a versioned bucket, the version ids of the page's last key that the page held).
-- range_after and range_up_to are the key range the cursor belongs to (a re-planned step may give
-- the same shard index another range). Rows are deleted when the purge reaches its final state.
create table storage_progress (
  purge_id              uuid        not null,
  shard_id              text        not null,
  owner                 text        not null,
  attempt               int         not null,
  range_after           text,
  range_up_to           text,
  last_key              text,
  objects               bigint      not null,
  bytes                 bigint      not null,
  pages                 int         not null,
  pending_last_key      text,
  pending_key_versions  text[],
  pending_objects       bigint,
  pending_bytes         bigint,
  pending_at            timestamptz,
  updated_at            timestamptz not null default now(),
  primary key (purge_id, shard_id),
  check ((pending_at is null) = (pending_last_key is null)),
  check ((pending_at is null) = (pending_objects is null))
);
