#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: a fresh data folder under /tmp, owned by an
# unprivileged user (initdb refuses root), listening on 127.0.0.1 only, on a free port.
#
#   eval "$(scripts/services/postgres.sh start)"   # exports FRONTLINE_PG_DIR and FRONTLINE_TEST_PG_URL
#   scripts/services/postgres.sh url                # the URL of the cluster in $FRONTLINE_PG_DIR
#   scripts/services/postgres.sh stop               # stops it and deletes its folder
#   scripts/services/postgres.sh halt [DIR]         # stops it (pg_ctl -m fast), keeping its data
#   scripts/services/postgres.sh resume [DIR]       # starts a halted cluster again on its port
#
# `start` prints only `export ...` lines on stdout; progress goes to stderr. The cluster trusts
# connections from 127.0.0.1 (no password): it holds test data only and dies with `stop`.
set -euo pipefail

cmd="${1:-}"
dir="${2:-${FRONTLINE_PG_DIR:-}}"

bin_dir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$found" ] || { echo "postgres.sh: PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
  echo "$found"
}

# Runs a command as the cluster's owner: ourselves, or (as root) an unprivileged system user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$(owner)" -- "$@"
  else
    "$@"
  fi
}

owner() {
  if [ "$(id -u)" -ne 0 ]; then id -un; return; fi
  if id postgres >/dev/null 2>&1; then echo postgres; return; fi
  id frontline-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin frontline-pg
  echo frontline-pg
}

need_dir() {
  [ -n "$dir" ] && [ -f "$dir/url" ] || { echo "postgres.sh: no cluster (set FRONTLINE_PG_DIR or pass its folder)" >&2; exit 1; }
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local bin; bin=$(bin_dir)
  dir=$(mktemp -d /tmp/frontline-pg.XXXXXX)
  mkdir -p "$dir/socket"
  [ "$(id -u)" -ne 0 ] || chown -R "$(owner)" "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U frontline -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  local port tries=0
  while :; do
    port=$(( 20000 + RANDOM % 30000 ))
    tries=$((tries + 1))
    port_in_use "$port" && continue
    if pg_start "$port"; then
      break
    fi
    [ "$tries" -lt 5 ] || { tail -20 "$dir/server.log" >&2; exit 1; }
  done
  echo "postgres://frontline@127.0.0.1:$port/postgres" >"$dir/url"
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)" >&2
  echo "export FRONTLINE_PG_DIR=$dir"
  echo "export FRONTLINE_TEST_PG_URL=$(cat "$dir/url")"
}

# Starts the cluster in $dir on port $1. fsync off: a test cluster is thrown away,
# durability is not what it is for.
pg_start() {
  as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $1 -k $dir/socket -c fsync=off -c max_connections=300" >/dev/null
}

halt() {
  need_dir
  as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

resume() {
  need_dir
  local port; port=$(sed -E 's#.*:([0-9]+)/.*#\1#' "$dir/url")
  pg_start "$port" || { tail -20 "$dir/server.log" >&2; exit 1; }
}

stop() {
  need_dir
  as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  halt) halt ;;
  resume) resume ;;
  url) need_dir; cat "$dir/url" ;;
  *) echo "usage: $0 start | url [DIR] | stop [DIR] | halt [DIR] | resume [DIR]" >&2; exit 2 ;;
esac
