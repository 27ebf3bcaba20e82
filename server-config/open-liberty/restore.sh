#!/usr/bin/env bash
# pqws: undo configure-pq.sh on an Open Liberty server, from the record it left in SERVER/pqws/restore.state: the
# configuration drop-in and the directories it created for it, jvm.options (given back byte for byte, or removed if
# configure-pq.sh created it), and SERVER/pqws/ with the stores, jars and profile.
#
#   server-config/open-liberty/restore.sh --server-dir WLP/usr/servers/NAME
#
# Restart the server afterwards (jvm.options is read at start only); better, stop it first.
set -euo pipefail

server_dir=

die() { echo "restore.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --server-dir) server_dir=${2:?--server-dir needs a value}; shift 2 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[ -n "$server_dir" ] || die "--server-dir WLP/usr/servers/NAME is required"
state_dir=$server_dir/pqws
state=$state_dir/restore.state
[ -f "$state" ] || die "$server_dir was not configured by configure-pq.sh (no $state)"

value() { sed -n "s/^$1=//p" "$state"; }

override=$(value override)
[ -z "$override" ] || rm -f -- "$override"
# Created in order (configDropins, then overrides): removed in reverse, and only if nothing else is in them now.
while IFS= read -r dir; do
  rmdir -- "$dir" 2>/dev/null || echo "restore.sh: leaving $dir, it holds files of your own" >&2
done < <(sed -n 's/^created-dir=//p' "$state" | tac)

case "$(value jvm-options)" in
  kept) cp -p "$state_dir/jvm.options.before" "$server_dir/jvm.options" ;;
  created) rm -f -- "$server_dir/jvm.options" ;;
  '') ;;
  *) die "$state has an unknown jvm-options value '$(value jvm-options)'" ;;
esac

rm -rf -- "$state_dir"
echo "Server $(basename "$server_dir") restored; restart it to apply."
