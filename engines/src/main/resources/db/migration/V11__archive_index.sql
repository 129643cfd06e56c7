-- Which tenants each shared log archive holds, so a purge reads only the archives that can hold
-- its tenant. A row describes exactly one stored object: a key at one ETag (and, on a versioned
-- bucket, one version id). A row whose ETag or version no longer matches the listing is ignored
-- (the archive is read again), so a missed or stale row costs a read, never a false receipt.
-- The set is exact (every tenant_id seen in the archive), not a Bloom filter: no false positives
-- and an audit can compare it with the archive line for line. A complete scan removes the rows of
-- archives it no longer lists (deleted archives).
create table archive_index (
  bucket          text        not null,
  archive_key     text        not null,
  version_id      text        not null,  -- '' on an unversioned bucket
  etag            text        not null,
  tenants         text[]      not null,
  unattributable  bigint      not null,  -- lines without a readable string tenant_id
  indexed_at      timestamptz not null default now(),
  seen_at         timestamptz not null default now(),  -- last listed by a scan or audit
  primary key (bucket, archive_key, version_id)
);
create index archive_index_tenants on archive_index using gin (tenants);

-- What a full audit found wrong in the index: a row whose tenants did not match the archive it
-- described (same ETag). The archive was re-indexed when the finding was written.
create table archive_index_findings (
  id               bigserial   primary key,
  bucket           text        not null,
  archive_key      text        not null,
  version_id       text        not null,
  etag             text        not null,
  indexed_tenants  text[]      not null,
  actual_tenants   text[]      not null,
  found_at         timestamptz not null default now()
);
