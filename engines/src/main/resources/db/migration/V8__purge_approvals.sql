-- Two-person approval of purges: a purge may wait in AWAITING_APPROVAL (active: it holds the
-- tenant's one live purge) and may end REJECTED or EXPIRED (final: a new purge may start).

alter table purge_requests
  add column approvals_required  integer not null default 0 check (approvals_required >= 0),
  add column approved_by         text[]  not null default '{}';

drop index purge_requests_one_active;
create unique index purge_requests_one_active on purge_requests (tenant_id, env)
  where status in ('REQUESTED', 'AWAITING_APPROVAL', 'WAITING_GRACE_PERIOD', 'RUNNING',
                   'BLOCKED_BY_KILL_SWITCH', 'NEEDS_ATTENTION');
