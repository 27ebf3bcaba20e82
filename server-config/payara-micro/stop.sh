#!/usr/bin/env bash
# pqws: stop the Payara Micro that run.sh --background started ([--state DIR]: the one run.sh --state DIR started).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=$root/target/payara
if [ "${1:-}" = --state ]; then
  state=${2:?--state needs a value}
fi
pid_file=$state/payara-micro.pid
if [ ! -f "$pid_file" ]; then
  echo "stop.sh: no pqws Payara Micro is running (no $pid_file)" >&2
  exit 1
fi
pid=$(cat "$pid_file")
if kill "$pid" 2>/dev/null; then
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  echo "Stopped Payara Micro (pid $pid)."
else
  echo "stop.sh: process $pid was not running" >&2
fi
rm -f "$pid_file"
