#!/bin/bash
# Creates Warden's database and its two login roles next to Temporal's databases:
#   WARDEN_DB_MIGRATION_USER  owns the database (and so schema public, PostgreSQL 15+): Flyway
#                             runs as it and owns every table and trigger;
#   WARDEN_DB_USER            the apps' role: a member of the group role warden_app, which the
#                             migrations grant only what the apps use (V17__app_role.sql).
#
# Run by the postgres image's entrypoint from /docker-entrypoint-initdb.d, once, when the data
# volume is empty (a later change of WARDEN_DB_* needs `docker compose down -v` or a manual
# ALTER ROLE). Temporal's `temporal` and `temporal_visibility` databases are created by
# temporalio/auto-setup itself; Warden's schema is created by its Flyway migrations at start-up.
#
# The entrypoint may source this file instead of executing it, so: no `set -u`, no `exit`.
set -eo pipefail

: "${WARDEN_DB_NAME:=warden}"
: "${WARDEN_DB_MIGRATION_USER:?WARDEN_DB_MIGRATION_USER must be set}"
: "${WARDEN_DB_MIGRATION_PASSWORD:?WARDEN_DB_MIGRATION_PASSWORD must be set}"
: "${WARDEN_DB_USER:?WARDEN_DB_USER must be set}"
: "${WARDEN_DB_PASSWORD:?WARDEN_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v db="$WARDEN_DB_NAME" -v owner="$WARDEN_DB_MIGRATION_USER" -v ownerpw="$WARDEN_DB_MIGRATION_PASSWORD" \
     -v app="$WARDEN_DB_USER" -v apppw="$WARDEN_DB_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE warden_app NOLOGIN'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'warden_app') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'owner', :'ownerpw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE warden_app', :'app', :'apppw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO warden_app', :'db') \gexec
SQL

echo "warden-db: database '$WARDEN_DB_NAME' owned by '$WARDEN_DB_MIGRATION_USER'; apps log in as '$WARDEN_DB_USER' (warden_app)"
