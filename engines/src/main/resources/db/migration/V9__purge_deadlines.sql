-- GDPR deadlines: when the data subject's request arrived, when the erasure is due (extendable by
-- at most two further months in total), whether it finished on time; and since when a purge has
-- held its status (what the "oldest purge in NEEDS_ATTENTION" metric measures).

alter table purge_requests
  add column received_at     timestamptz,
  add column initial_due_at  timestamptz,
  add column due_at          timestamptz,
  add column status_since    timestamptz,
  add column finished_on_time boolean;

update purge_requests
   set received_at = requested_at,
       initial_due_at = requested_at + interval '30 days',
       due_at = requested_at + interval '30 days',
       status_since = coalesce(updated_at, requested_at),
       finished_on_time = case when completed_at is null then null
                               else completed_at <= requested_at + interval '30 days' end;

alter table purge_requests
  alter column received_at set not null,
  alter column initial_due_at set not null,
  alter column due_at set not null,
  alter column status_since set not null,
  alter column status_since set default now(),
  add constraint purge_requests_due_after_received check (due_at >= received_at),
  -- GDPR art. 12(3): extendable by two further months, never more.
  add constraint purge_requests_extension_bounded
    check (due_at >= initial_due_at and due_at <= initial_due_at + interval '2 months');

-- The overdue list and gauge: active purges by due date.
create index purge_requests_due on purge_requests (due_at) where completed_at is null;
