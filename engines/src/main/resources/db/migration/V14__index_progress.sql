-- Where an index-purge step (INDEX: docs-{env}; LOGS: logs-{env}-*) stands, written around every
-- bulk of deletes so that a retried attempt knows exactly what the attempts before it deleted
-- (heartbeats are throttled and may be lost; a timed-out attempt can go on running).
-- One row per purge and step. owner (the activity execution: workflow id, run id and activity id)
-- and attempt fence the writers: every write names both, and a write that matches no row means a
-- newer attempt owns the step. index_name, deleted and pages are the committed cursor.
create table index_progress (
  purge_id    uuid        not null,
  step        text        not null,
  owner       text        not null,
  attempt     int         not null,
  index_name  text,
  deleted     bigint      not null,
  pages       int         not null,
  updated_at  timestamptz not null default now(),
  primary key (purge_id, step)
);

-- The bulk each lane of the step's sliced sweep has in flight (one at most per lane): the index
-- and the ids of the documents it asks to delete (at most one page, 10,000 ids), written before the
-- _bulk is sent and deleted when its outcome is folded into index_progress. A row left behind is a
-- bulk whose outcome nobody counted. Rows are deleted with their step's row when the purge reaches
-- its final state.
create table index_pending_page (
  purge_id    uuid        not null,
  step        text        not null,
  lane        int         not null,
  index_name  text        not null,
  doc_ids     text[]      not null,
  written_at  timestamptz not null default now(),
  primary key (purge_id, step, lane),
  foreign key (purge_id, step) references index_progress (purge_id, step) on delete cascade
);
