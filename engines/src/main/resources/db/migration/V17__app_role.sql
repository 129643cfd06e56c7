-- Least privilege for the apps. Migrations run as the migration role (WARDEN_DB_MIGRATION_USER,
-- else WARDEN_DB_USER), which owns every table and trigger. The apps' login role
-- (WARDEN_DB_USER) is a member of the group role warden_app and gets, through it, only what
-- the apps use: data rights on Warden's tables, no DDL (it owns nothing and may not create), and
-- on the append-only trails only INSERT and SELECT, so it can neither rewrite them nor drop the
-- triggers that protect them. See docs/operations.md, "PostgreSQL roles".
--
-- Creating warden_app needs CREATEROLE; where the migration role has none, a DBA creates it first
-- (CREATE ROLE warden_app NOLOGIN) and this skips it. Roles are cluster-wide.
do $$
begin
  if not exists (select from pg_roles where rolname = 'warden_app') then
    create role warden_app nologin;
  end if;
end
$$;

-- PostgreSQL before 15 lets every role create tables in schema public.
revoke create on schema public from public;
grant usage on schema public to warden_app;

grant select, insert, update, delete on all tables in schema public to warden_app;
grant usage, select on all sequences in schema public to warden_app;
revoke all on flyway_schema_history from warden_app;
revoke update, delete, truncate on dataset_events, purge_receipts, kill_switch_history
  from warden_app;

-- Tables and sequences later migrations create (as this same role) get the same data rights; a
-- later append-only table revokes UPDATE, DELETE and TRUNCATE from warden_app in its own
-- migration, as above.
alter default privileges in schema public
  grant select, insert, update, delete on tables to warden_app;
alter default privileges in schema public
  grant usage, select on sequences to warden_app;
