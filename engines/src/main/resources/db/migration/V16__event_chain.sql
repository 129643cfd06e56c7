-- The audit trail as hash chains, one per tenant (events of no tenant form their own chain, ''):
-- each event's hash is SHA-256 over its canonical form and the previous event's hash. Rows from
-- before this migration stay unchained (null); the chain starts with the first event after it.
alter table dataset_events add column prev_hash text, add column hash text;

-- Each chain's head. Appending an event advances its chain's head in the same statement: the row
-- lock orders a tenant's concurrent writers (other tenants are not held up), and the head is the
-- latest committed one even when the writer waited for it.
create table event_chain_heads (
  chain       text        primary key,
  prev_hash   text,
  hash        text        not null,
  updated_at  timestamptz not null default now()
);
