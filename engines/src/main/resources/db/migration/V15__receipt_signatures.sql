-- The receipt's JWS (compact serialisation, payload = the receipt's canonical JSON), written by
-- the worker when the purge ends. Null for receipts written before signing existed.
alter table purge_receipts add column signature text;
