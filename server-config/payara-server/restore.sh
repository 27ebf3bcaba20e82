#!/usr/bin/env bash
# pqws: undo configure-pq.sh on a Payara Server 6 or 7 domain, from the record it left in DOMAIN/pqws/restore.state.
#
#   server-config/payara-server/restore.sh --asadmin PAYARA/bin/asadmin [--domain-dir DIR] [--port 4848]
#       [--master-password changeit]
#
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
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[ -n "$asadmin" ] || die "--asadmin PAYARA/bin/asadmin is required"
[ -n "$domain_dir" ] || domain_dir=$(cd "$(dirname "$asadmin")/.." && pwd)/glassfish/domains/domain1
state_dir=$domain_dir/pqws
state=$state_dir/restore.state
[ -f "$state" ] || die "$domain_dir was not configured by configure-pq.sh (no $state)"
keytool=${JAVA_HOME:+$JAVA_HOME/bin/}keytool
# keytool talks on stderr even when it succeeds; its words are shown only when it fails.
kt() { local out; out=$("$keytool" "$@" 2>&1) || die "keytool failed: $out"; }

value() { sed -n "s/^$1=//p" "$state"; }
as() { "$asadmin" --port "$port" "$@"; }
listener=$(value listener)
ssl=configs.config.server-config.network-config.protocols.protocol.$listener.ssl

as set "$ssl.cert-nickname=$(value cert-nickname)" "$ssl.client-auth=$(value client-auth)" \
  "$ssl.tls12-enabled=$(value tls12-enabled)" "$ssl.tls13-enabled=$(value tls13-enabled)" \
  "$ssl.ssl3-tls-ciphers=$(value ssl3-tls-ciphers)" >/dev/null

while IFS= read -r option; do
  as delete-jvm-options -- "${option//:/\\:}" >/dev/null
done < <(sed -n 's/^jvm-option=//p' "$state")

if [ -n "$(value keystore-alias)" ]; then
  kt -delete -alias "$(value keystore-alias)" -keystore "$domain_dir/config/keystore.p12" -storetype PKCS12 \
    -storepass "$master_password"
fi
if [ -n "$(value truststore-alias)" ]; then
  kt -delete -alias "$(value truststore-alias)" -keystore "$domain_dir/config/cacerts.p12" \
    -storetype PKCS12 -storepass "$master_password"
fi

rm -rf -- "$state_dir"
echo "Payara domain $(basename "$domain_dir") restored; restart it to apply: $asadmin restart-domain $(basename "$domain_dir")"
