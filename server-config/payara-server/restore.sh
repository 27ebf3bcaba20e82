#!/usr/bin/env bash
# pqws: undo configure-pq.sh on a Payara Server 6 or 7 or a GlassFish 7 domain, from the record it left in
# DOMAIN/pqws/restore.state: the listener settings it changed, the JVM options it added, the aliases it imported.
#
#   server-config/payara-server/restore.sh --asadmin SERVER/bin/asadmin [--domain-dir DIR] [--port 4848]
#       [--master-password changeit]
#
# SERVER is the unpacked payara6 or glassfish7 directory; DIR defaults to SERVER/glassfish/domains/domain1.
# The domain must be running; restart it afterwards (asadmin restart-domain).
set -euo pipefail

asadmin=
domain_dir=
port=4848
master_password=changeit

die() { echo "restore.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --asadmin) asadmin=${2:?--asadmin needs a value}; shift 2 ;;
    --domain-dir) domain_dir=${2:?--domain-dir needs a value}; shift 2 ;;
    --port) port=${2:?--port needs a value}; shift 2 ;;
    --master-password) master_password=${2:?--master-password needs a value}; shift 2 ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[ -n "$asadmin" ] || die "--asadmin SERVER/bin/asadmin is required"
[ -n "$domain_dir" ] || domain_dir=$(cd "$(dirname "$asadmin")/.." && pwd)/glassfish/domains/domain1
state_dir=$domain_dir/pqws
state=$state_dir/restore.state
[ -f "$state" ] || die "$domain_dir was not configured by configure-pq.sh (no $state)"
! grep -q '^cert-nickname=' "$state" \
  || die "$state was written by an older configure-pq.sh (before GlassFish support); restore with its restore.sh"
keytool=${JAVA_HOME:+$JAVA_HOME/bin/}keytool
# keytool talks on stderr even when it succeeds; its words are shown only when it fails.
kt() { local out; out=$("$keytool" "$@" 2>&1) || die "keytool failed: $out"; }

value() { sed -n "s/^$1=//p" "$state"; }
as() { "$asadmin" --port "$port" "$@"; }
listener=$(value listener)
ssl=configs.config.server-config.network-config.protocols.protocol.$listener.ssl

# An empty value removes the attribute: configure-pq.sh found it absent.
settings=()
while IFS= read -r setting; do
  settings+=("$ssl.$setting")
done < <(sed -n 's/^listener-setting=//p' "$state")
[ ${#settings[@]} -eq 0 ] || as set "${settings[@]}" >/dev/null

while IFS= read -r option; do
  as delete-jvm-options -- "${option//:/\\:}" >/dev/null
done < <(sed -n 's/^jvm-option=//p' "$state")

if [ -n "$(value keystore-alias)" ]; then
  kt -delete -alias "$(value keystore-alias)" -keystore "$(value keystore-file)" -storetype "$(value keystore-type)" \
    -storepass "$master_password"
fi
if [ -n "$(value truststore-alias)" ]; then
  kt -delete -alias "$(value truststore-alias)" -keystore "$(value truststore-file)" \
    -storetype "$(value truststore-type)" -storepass "$master_password"
fi

rm -rf -- "$state_dir"
echo "Domain $(basename "$domain_dir") restored; restart it to apply: $asadmin restart-domain $(basename "$domain_dir")"
