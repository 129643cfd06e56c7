-- One writer per shared log archive at a time: two purges of different tenants that rewrite the
-- same archive take turns, so neither can put back lines the other removed. A lease expires on its
-- own (a crashed worker never locks an archive for longer than its time to live); its holder
-- renews it while it streams a large archive.
create table archive_leases (
  archive     text        primary key,  -- bucket + '/' + key
  holder      text        not null,
  expires_at  timestamptz not null
);
