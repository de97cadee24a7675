#!/usr/bin/env bash
# Starts a local PostgreSQL 15 + PostGIS 3 for the history store and its tests.
#
# Idempotent: installs the Debian packages when missing, creates and starts the
# cluster "15/main" when it is not running, creates the role and database
# "watchkeeper" (password "watchkeeper") on localhost:5432 and enables PostGIS.
# Run as root (it calls apt-get and switches to the postgres user for admin SQL).
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=main
PG_PORT=5432
DB=watchkeeper
ROLE=watchkeeper
PASSWORD=watchkeeper

log() { echo "postgres-start: $*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "postgres-start: must run as root" >&2
  exit 1
fi

need=()
dpkg -s "postgresql-${PG_VERSION}" >/dev/null 2>&1 || need+=("postgresql-${PG_VERSION}")
dpkg -s "postgresql-${PG_VERSION}-postgis-3" >/dev/null 2>&1 || need+=("postgresql-${PG_VERSION}-postgis-3")
dpkg -s postgresql-client-${PG_VERSION} >/dev/null 2>&1 || need+=("postgresql-client-${PG_VERSION}")
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "${PG_VERSION}/${PG_CLUSTER}"; then
  log "creating cluster ${PG_VERSION}/${PG_CLUSTER}"
  pg_createcluster "${PG_VERSION}" "${PG_CLUSTER}" --port "${PG_PORT}" >/dev/null
fi

status=$(pg_lsclusters -h | awk -v v="${PG_VERSION}" -v c="${PG_CLUSTER}" '$1==v && $2==c {print $4}')
if [ "${status}" != "online" ]; then
  log "starting cluster ${PG_VERSION}/${PG_CLUSTER}"
  pg_ctlcluster "${PG_VERSION}" "${PG_CLUSTER}" start
fi

# Wait until the server accepts connections (at most 30 s).
for _ in $(seq 1 60); do
  if pg_isready -q -h localhost -p "${PG_PORT}"; then break; fi
  sleep 0.5
done
pg_isready -h localhost -p "${PG_PORT}" >/dev/null || { echo "postgres-start: server not ready on port ${PG_PORT}" >&2; exit 1; }

psql_admin() { su postgres -c "PGOPTIONS='-c client_min_messages=warning' psql -v ON_ERROR_STOP=1 -p ${PG_PORT} -qAt $*"; }

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='${ROLE}'\"")" != "1" ]; then
  log "creating role ${ROLE}"
  psql_admin "-c \"CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='${DB}'\"")" != "1" ]; then
  log "creating database ${DB}"
  psql_admin "-c \"CREATE DATABASE ${DB} OWNER ${ROLE}\""
fi
# The extension is created by a superuser so that the (non-superuser) store can rely on it.
psql_admin "-d ${DB} -c \"CREATE EXTENSION IF NOT EXISTS postgis\""

PGPASSWORD="${PASSWORD}" psql -h localhost -p "${PG_PORT}" -U "${ROLE}" -d "${DB}" -qAt \
  -c "SELECT 'postgres-start: ready, PostGIS ' || postgis_lib_version()"
