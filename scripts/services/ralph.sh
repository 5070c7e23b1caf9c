#!/usr/bin/env bash
# A real learning record store for the tests: Ralph (ralph-malph, installed by
# scripts/setup.sh) on 127.0.0.1, filesystem backend, basic auth.
#
#   eval "$(scripts/services/ralph.sh start)"   # prints export lines
#   scripts/services/ralph.sh stop
#
# `start` picks a free port, creates a data folder and credentials
# (`ralph auth`), waits until the server answers, and prints
# FRONTLINE_TEST_LRS_URL / _USER / _PASSWORD exports (also kept in
# $RALPH_STATE_DIR/env, to `source` from another shell). State lives in
# $RALPH_STATE_DIR (default $HOME/.cache/frontline/ralph-run); `stop` ends the
# server it started (by its recorded pid) and removes that folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${FRONTLINE_RALPH_VENV:-$HOME/.cache/frontline/ralph-venv}"
state="${RALPH_STATE_DIR:-$HOME/.cache/frontline/ralph-run}"

stop() {
  if [ -f "$state/pid" ]; then
    pid="$(cat "$state/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$state"
}

start() {
  [ -x "$venv/bin/ralph" ] || { echo "ralph.sh: Ralph is not installed in $venv; run scripts/setup.sh" >&2; exit 1; }
  stop
  mkdir -p "$state/data"
  port="$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  user="frontline-test"
  password="$("$venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(18))')"
  export RALPH_APP_DIR="$state" RALPH_AUTH_FILE="$state/auth.json" RALPH_HISTORY_FILE="$state/history.json"
  export RALPH_RUNSERVER_BACKEND=fs RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$state/data"
  "$venv/bin/ralph" auth -u "$user" -p "$password" -s all -A "$user" "https://frontline.example/lrs-users" -w \
    >"$state/auth.log" 2>&1 || { cat "$state/auth.log" >&2; exit 1; }
  "$venv/bin/python" "$here/ralph_lrs.py" 127.0.0.1 "$port" >"$state/server.log" 2>&1 &
  echo $! >"$state/pid"
  url="http://127.0.0.1:$port/xAPI"
  for _ in $(seq 150); do
    if "$venv/bin/python" - "$url" "$user" "$password" <<'PY' 2>/dev/null; then break; fi
import sys, requests
r = requests.get(sys.argv[1] + "/statements?limit=1", auth=(sys.argv[2], sys.argv[3]),
                 headers={"X-Experience-API-Version": "1.0.3"}, timeout=2)
sys.exit(0 if r.status_code == 200 else 1)
PY
    kill -0 "$(cat "$state/pid")" 2>/dev/null || { cat "$state/server.log" >&2; echo "ralph.sh: server exited" >&2; exit 1; }
    sleep 0.2
  done
  {
    echo "export FRONTLINE_TEST_LRS_URL=$url"
    echo "export FRONTLINE_TEST_LRS_USER=$user"
    echo "export FRONTLINE_TEST_LRS_PASSWORD=$password"
  } | tee "$state/env"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
