#!/usr/bin/env bash
# pqws: turn a Payara Server 6 or 7 domain's own https listener into a hybrid post-quantum one (X25519MLKEM768
# through BCJSSE 1.84). restore.sh undoes every step. asadmin runs on AS_JAVA (else the java on the PATH), and
# Payara Server 7 needs Java 21 or newer there.
#
#   server-config/payara-server/configure-pq.sh --asadmin PAYARA/bin/asadmin [--domain-dir DIR] [--port 4848]
#       [--profile hybrid|hybrid-only|classic] [--listener http-listener-2] [--certs certs/dev]
#       [--master-password changeit]
#
# The domain must be running (asadmin talks to its DAS); restart it afterwards (asadmin restart-domain). Needs
# 'mvn package' first (the provider jars and the profile tool) and keytool on the PATH or in JAVA_HOME.
#
# What it does, in the domain:
#   1. copies the provider jars and the profile to DOMAIN/pqws/ and writes DOMAIN/pqws/PROFILE.args from them;
#   2. adds every line of that file as a JVM option (system properties, the java.security overlay, the module path;
#      see pq-profile/README.md);
#   3. imports the server key (alias pqws-server) into config/keystore.p12 and the CA of client certificates
#      (alias pqws-client-ca) into config/cacerts.p12;
#   4. points the listener's SSL at pqws-server, asks for (does not require) a client certificate, TLS 1.2 + 1.3.
# What it changed is written to DOMAIN/pqws/restore.state for restore.sh.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
asadmin=
domain_dir=
port=4848
profile=hybrid
listener=http-listener-2
certs=$root/certs/dev
master_password=changeit

die() { echo "configure-pq.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --asadmin) asadmin=${2:?--asadmin needs a value}; shift 2 ;;
    --domain-dir) domain_dir=${2:?--domain-dir needs a value}; shift 2 ;;
    --port) port=${2:?--port needs a value}; shift 2 ;;
    --profile) profile=${2:?--profile needs a value}; shift 2 ;;
    --listener) listener=${2:?--listener needs a value}; shift 2 ;;
    --certs) certs=${2:?--certs needs a value}; shift 2 ;;
    --master-password) master_password=${2:?--master-password needs a value}; shift 2 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[ -n "$asadmin" ] || die "--asadmin PAYARA/bin/asadmin is required"
[ -x "$asadmin" ] || die "$asadmin is not an executable asadmin"
[ -n "$domain_dir" ] || domain_dir=$(cd "$(dirname "$asadmin")/.." && pwd)/glassfish/domains/domain1
[ -f "$domain_dir/config/domain.xml" ] || die "$domain_dir is not a Payara domain (no config/domain.xml)"
[ -f "$root/target/pqws-client/pqws-client.jar" ] && [ -d "$root/target/pq-profile/jars" ] \
  || die "build first: mvn package (the provider jars and the profile tool are missing from target/)"
for file in server.p12 ca.pem; do
  [ -f "$certs/$file" ] || die "$certs/$file is missing (make the development PKI with certs/make-dev-certs.sh)"
done
keytool=${JAVA_HOME:+$JAVA_HOME/bin/}keytool
# keytool talks on stderr even when it succeeds; its words are shown only when it fails.
kt() { local out; out=$("$keytool" "$@" 2>&1) || die "keytool failed: $out"; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
state_dir=$domain_dir/pqws
[ ! -e "$state_dir/restore.state" ] || die "$domain_dir is already configured by pqws; run restore.sh first"
[ "$profile" != hybrid-mldsa ] \
  || die "profile hybrid-mldsa needs a second listener and the dual-chain key store of the Payara Micro recipe; use hybrid, hybrid-only or classic here"

as() { "$asadmin" --port "$port" "$@"; }
ssl=configs.config.server-config.network-config.protocols.protocol.$listener.ssl
# One read of all the listener's SSL settings: 'get' of a single attribute that was never set is a remote failure.
listener_ssl=$(as get "$ssl.*") && grep -q "^$ssl\.cert-nickname=" <<< "$listener_ssl" \
  || die "cannot read $listener's SSL settings (asadmin said why, above); is the domain running on admin port $port," \
         "and asadmin on a Java the server supports (AS_JAVA; Payara Server 7 needs Java 21 or newer)?"
current() { sed -n "s/^$ssl\.$1=//p" <<< "$listener_ssl"; }

# 1. The profile and the jars, installed into the domain so that it no longer depends on this checkout.
mkdir -p "$state_dir/jars" "$state_dir/profiles"
cp "$root"/target/pq-profile/jars/*.jar "$state_dir/jars/"
cp -r "$root/pq-profile/$profile" "$state_dir/profiles/" 2>/dev/null || die "unknown profile '$profile'"
"$java" -cp "$root/target/pqws-client/pqws-client.jar" io.pqws.profile.ProfileArgsWriter --profiles "$state_dir/profiles" \
  --jars "$state_dir/jars" --out "$state_dir" --profile "$profile" >/dev/null
# Everything changed is recorded as it happens, so restore.sh can undo even a run that failed half-way.
state=$state_dir/restore.state
{
  echo "listener=$listener"
  echo "cert-nickname=$(current cert-nickname)"
  echo "client-auth=$(current client-auth)"
  echo "tls12-enabled=$(current tls12-enabled)"
  echo "tls13-enabled=$(current tls13-enabled)"
  echo "ssl3-tls-ciphers=$(current ssl3-tls-ciphers)"
} > "$state"

# 2. The JVM options. asadmin separates options with ':', so colons are escaped; '--' ends asadmin's own options.
#    An option the domain already has is left alone (and so is not removed by restore.sh).
existing=$(as list-jvm-options)
while IFS= read -r option; do
  if grep -qxF -- "$option" <<< "$existing"; then
    echo "configure-pq.sh: the domain already has JVM option $option; leaving it as it is" >&2
    continue
  fi
  as create-jvm-options -- "${option//:/\\:}" >/dev/null
  echo "jvm-option=$option" >> "$state"
done < "$state_dir/$profile.args"

# 3. Credentials, under aliases of their own. The stores' password is the domain's master password.
kt -importkeystore -noprompt -srckeystore "$certs/server.p12" -srcstoretype PKCS12 -srcstorepass changeit \
  -srcalias pqws-server -destkeystore "$domain_dir/config/keystore.p12" -deststoretype PKCS12 \
  -deststorepass "$master_password" -destalias pqws-server
echo "keystore-alias=pqws-server" >> "$state"
kt -importcert -noprompt -alias pqws-client-ca -file "$certs/ca.pem" \
  -keystore "$domain_dir/config/cacerts.p12" -storetype PKCS12 -storepass "$master_password"
echo "truststore-alias=pqws-client-ca" >> "$state"

# 4. The listener, with the AEAD-only cipher suites of the Payara Micro listener (one list, read from its
#    pre-boot commands; SECURITY.md, "TLS scan").
ciphers=$(sed -n 's/^set .*\.https-listener\.ssl\.ssl3-tls-ciphers=//p' "$root/server-config/payara-micro/pre-boot-commands.asadmin")
[ -n "$ciphers" ] || die "no ssl3-tls-ciphers line in server-config/payara-micro/pre-boot-commands.asadmin"
as set "$ssl.cert-nickname=pqws-server" "$ssl.client-auth=want" "$ssl.tls12-enabled=true" \
  "$ssl.tls13-enabled=true" "$ssl.ssl3-tls-ciphers=$ciphers" >/dev/null

echo "Payara domain $(basename "$domain_dir") configured with PQ profile '$profile' on $listener."
echo "Restart it to apply: $asadmin restart-domain $(basename "$domain_dir")"
