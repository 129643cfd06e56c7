#!/bin/bash
# Creates Warden's own database and login role next to Temporal's databases.
#
# Run by the postgres image's entrypoint from /docker-entrypoint-initdb.d, once, when the data
# volume is empty (a later change of WARDEN_DB_* needs `docker compose down -v` or a manual
# ALTER ROLE). Temporal's `temporal` and `temporal_visibility` databases are created by
# temporalio/auto-setup itself; Warden's schema is created by its Flyway migrations at start-up.
#
# The entrypoint may source this file instead of executing it, so: no `set -u`, no `exit`.
set -eo pipefail

: "${WARDEN_DB_NAME:=warden}"
: "${WARDEN_DB_USER:?WARDEN_DB_USER must be set}"
: "${WARDEN_DB_PASSWORD:?WARDEN_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v db="$WARDEN_DB_NAME" -v role="$WARDEN_DB_USER" -v pw="$WARDEN_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT ALL ON DATABASE %I TO %I', :'db', :'role') \gexec
SQL

echo "warden-db: database '$WARDEN_DB_NAME' owned by role '$WARDEN_DB_USER' is ready"
