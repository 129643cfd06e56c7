-- Decisions on a purge that only the API can make (issue 22, item 3): an approval, a rejection, a
-- cancel or a deadline extension is a row the API writes from the caller's token, in the same
-- transaction as its audit event. The signal to the workflow carries only decision_id; the
-- workflow (a local activity) accepts it only if the row exists, is for that purge and kind, and
-- was not used by another run. A signal sent straight to Temporal has no row: it is ignored and
-- evented (SIGNAL_REFUSED).

create table purge_decisions (
  decision_id  uuid        primary key,
  purge_id     uuid        not null references purge_requests (purge_id),
  kind         text        not null check (kind in ('APPROVE', 'REJECT', 'CANCEL', 'EXTEND')),
  actor        text        not null,
  reason       text,
  due_at       timestamptz,
  decided_at   timestamptz not null default now(),
  -- The workflow run that took the decision, and when; a repeat by the same run (a replayed
  -- local activity) is the same use, another run's is refused.
  used_by_run  text,
  used_at      timestamptz,
  check ((used_by_run is null) = (used_at is null)),
  check ((kind = 'EXTEND') = (due_at is not null))
);
create index purge_decisions_purge on purge_decisions (purge_id, decided_at);
-- One approval per person per purge, whatever races the API sees.
create unique index purge_decisions_one_approval on purge_decisions (purge_id, actor)
  where kind = 'APPROVE';

-- The apps record decisions and mark them used; they never rewrite or remove one (V17's default
-- privileges gave them full data rights on new tables).
revoke update, delete, truncate on purge_decisions from warden_app;
grant update (used_by_run, used_at) on purge_decisions to warden_app;
