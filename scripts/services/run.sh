#!/usr/bin/env bash
# Runs a command with the tests' real services started on 127.0.0.1 and stops them after,
# whatever the command's outcome:
#
#   scripts/services/run.sh cargo test
#
# PostgreSQL (scripts/services/postgres.sh) for the team server's tests and Ralph
# (scripts/services/ralph.sh) for the learning-record-store tests. Their URLs reach the
# command as FRONTLINE_TEST_PG_URL and FRONTLINE_TEST_LRS_*. A service that fails to start
# fails the run (exit 1) rather than letting its tests skip.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ "$#" -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

export RALPH_STATE_DIR="${RALPH_STATE_DIR:-${TMPDIR:-/tmp}/frontline-ralph-$$}"
pg_started=""; ralph_started=""
stop_all() {
  [ -z "$ralph_started" ] || "$here/ralph.sh" stop >/dev/null 2>&1 || true
  [ -z "$pg_started" ] || "$here/postgres.sh" stop >/dev/null 2>&1 || true
}
trap stop_all EXIT

pg_env="$("$here/postgres.sh" start)" || { echo "run.sh: PostgreSQL did not start" >&2; exit 1; }
eval "$pg_env"; pg_started=1
ralph_env="$("$here/ralph.sh" start)" || { echo "run.sh: Ralph did not start" >&2; exit 1; }
eval "$ralph_env"; ralph_started=1
echo "run.sh: PostgreSQL at $FRONTLINE_TEST_PG_URL, LRS at $FRONTLINE_TEST_LRS_URL" >&2

"$@"
