-- Kill switches. One row per scope holds its current state; every engage and release is also
-- appended to kill_switch_history (append-only, like dataset_events). A writer bumps
-- kill_switch_revision and calls pg_notify('kill_switch_changed', scope) in the same transaction:
-- evaluators cache the engaged switches, reload on the notification, and poll the revision as a
-- safety net. The revision row's lock orders writers, so the counter grows in commit order and a
-- poller never misses a change (a sequence value would not: those are handed out before commit).

create table kill_switches (
  switch_id       uuid        primary key,
  -- canonical scope, e.g. 'global' or 'env=prod,tenantId=acme,action=purge': one row per scope
  scope_key       text        not null unique,
  env             text,
  tenant_id       text,
  provider        text,
  action          text        check (action in ('upload', 'index', 'search', 'pack', 'purge',
                                                'reconcile')),
  engaged         boolean     not null,
  reason          text        not null check (btrim(reason) <> ''),
  engaged_by      text        not null,
  engaged_at      timestamptz not null,
  -- past this instant the switch no longer applies, though nobody released it
  expires_at      timestamptz,
  trace_id        text,
  released_by     text,
  released_at     timestamptz,
  release_reason  text,
  check (expires_at is null or expires_at > engaged_at),
  check (engaged or (released_by is not null and released_at is not null))
);
create index kill_switches_engaged on kill_switches (engaged_at desc) where engaged;

create table kill_switch_history (
  seq         bigserial   primary key,
  change_id   uuid        not null unique, -- also the KILL_SWITCH_CHANGED event's id
  switch_id   uuid        not null references kill_switches (switch_id),
  scope_key   text        not null,
  env         text,
  tenant_id   text,
  provider    text,
  action      text,
  state       text        not null check (state in ('ENGAGED', 'RELEASED')),
  reason      text        not null check (btrim(reason) <> ''),
  actor       text        not null,
  trace_id    text,
  expires_at  timestamptz,
  changed_at  timestamptz not null
);
create index kill_switch_history_switch on kill_switch_history (switch_id, seq);

create function kill_switch_history_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'kill_switch_history is append-only (% refused)', tg_op;
end;
$$;
create trigger kill_switch_history_no_update before update or delete on kill_switch_history
  for each row execute function kill_switch_history_append_only();

create table kill_switch_revision (
  singleton  boolean primary key default true check (singleton),
  revision   bigint  not null
);
insert into kill_switch_revision (singleton, revision) values (true, 0);
