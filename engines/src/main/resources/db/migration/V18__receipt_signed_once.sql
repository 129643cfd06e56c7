-- The worker signs a receipt once, right after writing it (PurgeRecordStore.sign). V17 took UPDATE
-- on purge_receipts from warden_app, which made that signing fail under the split roles: the apps
-- may set the signature column and nothing else, and only while it is null. A signed receipt stays
-- as it was signed, for every role (the trigger binds the owner too).
grant update (signature) on purge_receipts to warden_app;

create function purge_receipts_signed_once() returns trigger language plpgsql as $$
begin
  if old.signature is not null then
    raise exception 'purge_receipts: the receipt of % is signed already', old.purge_id
      using errcode = 'integrity_constraint_violation';
  end if;
  if to_jsonb(new) - 'signature' is distinct from to_jsonb(old) - 'signature' then
    raise exception 'purge_receipts: only the signature of a receipt may be set'
      using errcode = 'integrity_constraint_violation';
  end if;
  return new;
end
$$;

create trigger purge_receipts_sign_once before update on purge_receipts
  for each row execute function purge_receipts_signed_once();
