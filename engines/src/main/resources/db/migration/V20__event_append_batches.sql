-- Appends a batch of events to their tenants' hash chains in one statement, so a process can write
-- the events its threads append at the same moment with one round trip and one commit (group
-- commit; the chain's head row is then written once per chain and batch, not once per event).
-- The hash is what V16's single-event statement computes: SHA-256 over the canonical form and the
-- previous hash. The caller passes each chain's events together and the chains in one global
-- order (Java's string order), so every writer takes head rows in the same order and two batches
-- cannot wait on each other. An event id already stored is skipped; the ids stored are returned.
create function append_dataset_events(
    ids uuid[], types text[], tenants text[], envs text[], actors text[], traces text[],
    times timestamptz[], attributes jsonb[], canonicals text[])
  returns setof uuid
  language plpgsql as $$
declare
  i int;
  c text;
  h text;
  held text;              -- the chain whose head row this batch holds, if any
  head_prev text;         -- that head as this batch advanced it
  head_hash text;
  advanced boolean := false;
begin
  for i in 1 .. coalesce(array_length(ids, 1), 0) loop
    c := coalesce(tenants[i], '');
    if held is not null and held <> c then
      if advanced then
        update event_chain_heads set prev_hash = head_prev, hash = head_hash, updated_at = now()
          where chain = held;
      end if;
      held := null;
      advanced := false;
    end if;
    continue when exists (select 1 from dataset_events where event_id = ids[i]);
    if held is null then
      select e.prev_hash, e.hash into head_prev, head_hash
        from event_chain_heads e where e.chain = c for update;
      if not found then
        -- The chain's first event: its head row is written with it, unless another writer's
        -- first event wins the race, in which case this one follows it.
        h := encode(sha256(convert_to(canonicals[i], 'UTF8')), 'hex');
        insert into event_chain_heads (chain, prev_hash, hash, updated_at)
          values (c, null, h, now()) on conflict (chain) do nothing;
        if found then
          insert into dataset_events (event_id, type, tenant_id, env, actor, trace_id,
              occurred_at, attributes, prev_hash, hash)
            values (ids[i], types[i], tenants[i], envs[i], actors[i], traces[i], times[i],
              attributes[i], null, h);
          held := c;
          head_prev := null;
          head_hash := h;
          return next ids[i];
          continue;
        end if;
        select e.prev_hash, e.hash into head_prev, head_hash
          from event_chain_heads e where e.chain = c for update;
      end if;
      held := c;
    end if;
    h := encode(sha256(convert_to(canonicals[i] || head_hash, 'UTF8')), 'hex');
    insert into dataset_events (event_id, type, tenant_id, env, actor, trace_id, occurred_at,
        attributes, prev_hash, hash)
      values (ids[i], types[i], tenants[i], envs[i], actors[i], traces[i], times[i],
        attributes[i], head_hash, h);
    head_prev := head_hash;
    head_hash := h;
    advanced := true;
    return next ids[i];
  end loop;
  if held is not null and advanced then
    update event_chain_heads set prev_hash = head_prev, hash = head_hash, updated_at = now()
      where chain = held;
  end if;
end
$$;
