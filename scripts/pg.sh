#!/usr/bin/env bash
# The project-local PostgreSQL/PostGIS cluster OneBlueprint develops and tests against.
#
#   scripts/pg.sh start    # init (first time), start, create database `oneblueprint` + postgis. No-op when running.
#   scripts/pg.sh stop     # fast shutdown
#   scripts/pg.sh status   # exit 0 when running, 3 when not
#   scripts/pg.sh url      # the Npgsql connection string in effect (what OB_DATABASE would hold)
#   scripts/pg.sh psql ... # psql connected to the database in effect, extra arguments passed on
#
# Where things live: data in <repo>/.pg/data, socket in <repo>/.pg/run, log in <repo>/.pg/log (.pg/ is
# git-ignored). The server listens on 127.0.0.1 only, port ${OB_PG_PORT:-55432}, with trust authentication
# for local socket and 127.0.0.1 connections: a developer's single-user cluster, never exposed.
#
# PostgreSQL refuses to run as root. As root, initdb and pg_ctl run as the `postgres` OS user (runuser,
# else su) and .pg/ is owned by it; that user must be able to traverse the path to the repository. When
# it cannot (e.g. a repo under /root, mode 700), the data goes to ${OB_PG_HOME:-/var/lib/postgresql/
# oneblueprint-<hash of repo path>} instead and .pg/LOCATION says where. OB_PG_HOME always overrides.
#
# Settings are for a 2-core / 24 GB machine: shared_buffers 1GB, work_mem 64MB, max_connections 100.
# fsync stays on (this is the system of record's format, and a torn dev cluster wastes a day), but
# synchronous_commit is off in this dev cluster: a crash may lose the last few hundred ms of commits,
# never consistency. Production servers keep synchronous_commit on.
#
# With OB_DATABASE set (an Npgsql connection string "Host=…;Port=…;Username=…;Password=…;Database=…"),
# `start` only checks that that server answers and has PostGIS; no local cluster is touched.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${OB_PG_PORT:-55432}"
dbname="oneblueprint"

# ---------------------------------------------------------------------------------------------------
# binaries: Debian keeps server tools out of PATH
pg_bin=""
for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/16/bin /usr/lib/postgresql/17/bin; do
  if [ -x "$d/pg_ctl" ]; then pg_bin="$d"; break; fi
done
if [ -z "$pg_bin" ] && command -v pg_ctl >/dev/null 2>&1; then pg_bin="$(dirname "$(command -v pg_ctl)")"; fi
psql_bin="$(command -v psql || true)"
[ -n "$psql_bin" ] || { [ -n "$pg_bin" ] && psql_bin="$pg_bin/psql"; }

die() { echo "pg.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------
# OB_DATABASE (Npgsql form) -> libpq keyword/value form
npgsql_to_libpq() {
  local cs="$1" out="" part key val lk
  local IFS=';'
  for part in $cs; do
    [ -n "${part// /}" ] || continue
    key="${part%%=*}"; val="${part#*=}"
    key="$(echo "$key" | tr -d ' ')"; lk="$(echo "$key" | tr '[:upper:]' '[:lower:]')"
    case "$lk" in
      host|server) key=host ;;
      port) key=port ;;
      username|userid|user|uid) key=user ;;
      password|pwd) key=password ;;
      database|db) key=dbname ;;
      sslmode) key=sslmode; val="$(echo "$val" | tr '[:upper:]' '[:lower:]')" ;;
      timeout) key=connect_timeout ;;
      *) continue ;;  # Npgsql-only options (pooling, timeouts, ...) mean nothing to libpq
    esac
    val="${val//\\/\\\\}"; val="${val//\'/\\\'}"
    out+="$key='$val' "
  done
  echo "${out% }"
}

local_url() { echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$dbname"; }
effective_url() { if [ -n "${OB_DATABASE:-}" ]; then echo "$OB_DATABASE"; else local_url; fi; }

# ---------------------------------------------------------------------------------------------------
# where the cluster lives, and as whom it runs
if [ "$(id -u)" -eq 0 ]; then
  run_as_pg() {
    local cmd="cd / && " a
    for a in "$@"; do cmd+="$(printf '%q ' "$a")"; done
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- /bin/sh -c "$cmd"
    else su postgres -s /bin/sh -c "$cmd"; fi
  }
  pg_user_can_reach() { run_as_pg test -x "$1" 2>/dev/null; }
else
  run_as_pg() { "$@"; }
  pg_user_can_reach() { test -x "$1"; }
fi

pg_home() {
  if [ -n "${OB_PG_HOME:-}" ]; then echo "$OB_PG_HOME"; return; fi
  if [ "$(id -u)" -ne 0 ] || pg_user_can_reach "$repo"; then echo "$repo/.pg"; return; fi
  local h; h="$(printf '%s' "$repo" | sha256sum | cut -c1-12)"
  echo "/var/lib/postgresql/oneblueprint-$h"
}

home="$(pg_home)"
data="$home/data"
log="$home/log/postgres.log"
sock="$home/run"
# unix socket paths are limited to ~107 bytes; a deep checkout falls back to a short /tmp path
if [ "$(printf '%s' "$sock/.s.PGSQL.$port" | wc -c)" -gt 100 ]; then
  sock="/tmp/ob-pg-$(printf '%s' "$home" | sha256sum | cut -c1-12)"
fi

pgctl() { run_as_pg "$pg_bin/pg_ctl" -D "$data" "$@"; }

is_running() {
  [ -f "$data/PG_VERSION" ] || return 1
  pgctl status >/dev/null 2>&1
}

local_psql() { "$psql_bin" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }

write_config() {
  # Rewritten on every start so edits here take effect; postgresql.conf includes it once.
  local conf="$data/oneblueprint.conf"
  cat >"$conf" <<EOF
# Written by scripts/pg.sh on every start; edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
max_connections = 100
shared_buffers = 1GB
work_mem = 64MB
maintenance_work_mem = 512MB
effective_cache_size = 12GB
random_page_cost = 1.1
effective_io_concurrency = 100
max_wal_size = 4GB
checkpoint_completion_target = 0.9
max_parallel_workers_per_gather = 2
fsync = on
full_page_writes = on
# dev cluster only: commits return before WAL reaches disk (crash loses <1 s of commits, not consistency)
synchronous_commit = off
# JIT compiles plans for ~100 ms; our queries are short and index-driven
jit = off
timezone = 'UTC'
log_timezone = 'UTC'
log_min_duration_statement = 2000
EOF
  cat >"$data/pg_hba.conf" <<EOF
# Written by scripts/pg.sh: local developer cluster, trust on the socket and on 127.0.0.1 only.
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
EOF
  grep -q "^include_if_exists = 'oneblueprint.conf'" "$data/postgresql.conf" ||
    echo "include_if_exists = 'oneblueprint.conf'" >>"$data/postgresql.conf"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$conf" "$data/pg_hba.conf"; fi
}

init_cluster() {
  [ -n "$pg_bin" ] || die "PostgreSQL server binaries not found; run scripts/deps.sh"
  mkdir -p "$home/data" "$home/log" "$sock"
  if [ "$home" != "$repo/.pg" ]; then
    mkdir -p "$repo/.pg"
    echo "$home" >"$repo/.pg/LOCATION"
  fi
  if [ "$(id -u)" -eq 0 ]; then
    pg_user_can_reach "$home" || die "user postgres cannot reach $home; set OB_PG_HOME to a directory it can reach"
    chown -R postgres: "$home" "$sock"
  fi
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "pg.sh: creating cluster in $data"
    run_as_pg "$pg_bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$home/log/initdb.log" 2>&1 ||
      { cat "$home/log/initdb.log" >&2; die "initdb failed"; }
  fi
}

ensure_database() {
  if [ "$(local_psql -d postgres -tAc "select 1 from pg_database where datname = '$dbname'")" != "1" ]; then
    local_psql -d postgres -c "create database $dbname" >/dev/null
  fi
  local_psql -d "$dbname" -c "create extension if not exists postgis" >/dev/null 2>&1 ||
    local_psql -d "$dbname" -c "create extension if not exists postgis" # second try shows the error
}

check_remote() {
  local conninfo; conninfo="$(npgsql_to_libpq "$OB_DATABASE")"
  [ -n "$psql_bin" ] || die "psql not found; run scripts/deps.sh"
  local v
  if ! v="$("$psql_bin" -X -tA "$conninfo" -c 'select postgis_full_version()' 2>&1)"; then
    echo "$v" >&2
    die "the server in OB_DATABASE does not answer or lacks PostGIS (CREATE EXTENSION postgis there)"
  fi
  echo "pg.sh: OB_DATABASE answers: ${v%% GEOS=*}"
}

cmd_start() {
  if [ -n "${OB_DATABASE:-}" ]; then check_remote; return; fi
  if ! is_running; then
    init_cluster
    write_config
    # a stale pid file from a killed container would make pg_ctl refuse; postgres itself checks it
    pgctl -l "$log" -w -t 120 start >/dev/null || { tail -n 30 "$log" >&2; die "server did not start (log: $log)"; }
    echo "pg.sh: running on 127.0.0.1:$port (data $data)"
  fi
  ensure_database
}

cmd_stop() {
  if [ -n "${OB_DATABASE:-}" ]; then echo "pg.sh: OB_DATABASE is set; nothing local to stop"; return; fi
  if is_running; then pgctl -m fast -w stop >/dev/null; echo "pg.sh: stopped"; fi
}

cmd_status() {
  if [ -n "${OB_DATABASE:-}" ]; then
    "$psql_bin" -X -tA "$(npgsql_to_libpq "$OB_DATABASE")" -c 'select 1' >/dev/null 2>&1 &&
      { echo "OB_DATABASE server answers"; return 0; }
    echo "OB_DATABASE server does not answer"; return 3
  fi
  if is_running; then echo "running on 127.0.0.1:$port (data $data)"; return 0; fi
  echo "not running"; return 3
}

cmd_psql() {
  if [ -n "${OB_DATABASE:-}" ]; then exec "$psql_bin" "$(npgsql_to_libpq "$OB_DATABASE")" "$@"; fi
  exec "$psql_bin" -h 127.0.0.1 -p "$port" -U postgres -d "$dbname" "$@"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) effective_url ;;
  psql) shift; cmd_psql "$@" ;;
  *) echo "usage: scripts/pg.sh start|stop|status|url|psql [psql args]" >&2; exit 2 ;;
esac
