#!/usr/bin/env bash
# pqws: turn the own https listener of a Payara Server 6 or 7 or a GlassFish 7 domain into a hybrid post-quantum one
# (X25519MLKEM768 through BCJSSE 1.84). restore.sh undoes every step. The servers share asadmin, domain.xml and
# Grizzly, so one script serves them; the one difference, the domain's key stores (Payara: config/keystore.p12 and
# config/cacerts.p12, PKCS12; GlassFish 7: config/keystore.jks and config/cacerts.jks, JKS), is detected. asadmin
# runs on AS_JAVA (else the java on the PATH), and Payara Server 7 needs Java 21 or newer there.
#
#   server-config/payara-server/configure-pq.sh --asadmin SERVER/bin/asadmin [--domain-dir DIR] [--port 4848]
#       [--profile hybrid|hybrid-only|classic] [--listener http-listener-2] [--certs certs/dev]
#       [--master-password changeit]
#
# SERVER is the unpacked payara6 or glassfish7 directory; DIR defaults to SERVER/glassfish/domains/domain1.
# The domain must be running (asadmin talks to its DAS); restart it afterwards (asadmin restart-domain). Needs
# 'mvn package' first (the provider jars and the profile tool) and keytool on the PATH or in JAVA_HOME.
#
# What it does, in the domain:
#   1. copies the provider jars and the profile to DOMAIN/pqws/ and writes DOMAIN/pqws/PROFILE.args from them;
#   2. adds every line of that file as a JVM option (system properties, the java.security overlay, the module path;
#      see pq-profile/README.md);
#   3. imports the server key (alias pqws-server) into the key store and the CA of client certificates
#      (alias pqws-client-ca) into the trust store;
#   4. points the listener's SSL at pqws-server, asks for (does not require) a client certificate, TLS 1.2 + 1.3.
# What it changed is written to DOMAIN/pqws/restore.state for restore.sh; a listener setting that already has the
# wanted value is not touched, so restore.sh gives domain.xml back exactly.
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
    -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[ -n "$asadmin" ] || die "--asadmin SERVER/bin/asadmin is required"
[ -x "$asadmin" ] || die "$asadmin is not an executable asadmin"
[ -n "$domain_dir" ] || domain_dir=$(cd "$(dirname "$asadmin")/.." && pwd)/glassfish/domains/domain1
[ -f "$domain_dir/config/domain.xml" ] || die "$domain_dir is not a Payara or GlassFish domain (no config/domain.xml)"
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
  || die "profile hybrid-mldsa needs a second listener and the dual-chain key store of the Payara Micro recipe;" \
         "use hybrid, hybrid-only or classic here"

as() { "$asadmin" --port "$port" "$@"; }
ssl=configs.config.server-config.network-config.protocols.protocol.$listener.ssl
# Every SSL attribute the listener has, explicitly or by default, in one read ('get' of a single attribute that was
# never set is a remote failure); one that has neither (GlassFish's ssl3-tls-ciphers) is not listed, and current()
# then answers empty.
listener_ssl=$(as get "$ssl.*") && grep -q "^$ssl\.cert-nickname=" <<< "$listener_ssl" \
  || die "cannot read $listener's SSL settings (asadmin said why, above); is the domain running on admin port $port," \
         "and asadmin on a Java the server supports (AS_JAVA; Payara Server 7 needs Java 21 or newer)?"
current() { sed -n "s/^$ssl\.$1=//p" <<< "$listener_ssl"; }

# The domain's key store and trust store: PKCS12 on Payara Server 6, JKS on GlassFish 7 (its create-domain writes
# JKS stores). Sets store_file and store_type.
store_of() {
  if [ -f "$domain_dir/config/$1.p12" ]; then
    store_file=$domain_dir/config/$1.p12 store_type=PKCS12
  elif [ -f "$domain_dir/config/$1.jks" ]; then
    store_file=$domain_dir/config/$1.jks store_type=JKS
  else
    die "$domain_dir/config has neither $1.p12 (Payara Server) nor $1.jks (GlassFish)"
  fi
}

# 1. The profile and the jars, installed into the domain so that it no longer depends on this checkout.
mkdir -p "$state_dir/jars" "$state_dir/profiles"
cp "$root"/target/pq-profile/jars/*.jar "$state_dir/jars/"
cp -r "$root/pq-profile/$profile" "$state_dir/profiles/" 2>/dev/null || die "unknown profile '$profile'"
"$java" -cp "$root/target/pqws-client/pqws-client.jar" io.pqws.profile.ProfileArgsWriter \
  --profiles "$state_dir/profiles" --jars "$state_dir/jars" --out "$state_dir" --profile "$profile" >/dev/null
# Everything changed is recorded as it happens, so restore.sh can undo even a run that failed half-way.
state=$state_dir/restore.state
echo "listener=$listener" > "$state"

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
store_of keystore
kt -importkeystore -noprompt -srckeystore "$certs/server.p12" -srcstoretype PKCS12 -srcstorepass changeit \
  -srcalias pqws-server -destkeystore "$store_file" -deststoretype "$store_type" \
  -deststorepass "$master_password" -destalias pqws-server
printf 'keystore-alias=pqws-server\nkeystore-file=%s\nkeystore-type=%s\n' "$store_file" "$store_type" >> "$state"
store_of cacerts
kt -importcert -noprompt -alias pqws-client-ca -file "$certs/ca.pem" \
  -keystore "$store_file" -storetype "$store_type" -storepass "$master_password"
printf 'truststore-alias=pqws-client-ca\ntruststore-file=%s\ntruststore-type=%s\n' "$store_file" "$store_type" \
  >> "$state"

# 4. The listener, with the AEAD-only cipher suites of the Payara Micro listener (one list, read from its
#    pre-boot commands; SECURITY.md, "TLS scan"). Only what differs is set, and its old value recorded (empty: the
#    attribute was not there, and asadmin set with an empty value removes it again).
ciphers=$(sed -n 's/^set .*\.https-listener\.ssl\.ssl3-tls-ciphers=//p' \
  "$root/server-config/payara-micro/pre-boot-commands.asadmin")
[ -n "$ciphers" ] || die "no ssl3-tls-ciphers line in server-config/payara-micro/pre-boot-commands.asadmin"
changes=()
for setting in cert-nickname=pqws-server client-auth=want tls12-enabled=true tls13-enabled=true \
    "ssl3-tls-ciphers=$ciphers"; do
  name=${setting%%=*}
  [ "$name=$(current "$name")" != "$setting" ] || continue
  echo "listener-setting=$name=$(current "$name")" >> "$state"
  changes+=("$ssl.$setting")
done
[ ${#changes[@]} -eq 0 ] || as set "${changes[@]}" >/dev/null

echo "Domain $(basename "$domain_dir") configured with PQ profile '$profile' on $listener."
echo "Restart it to apply: $asadmin restart-domain $(basename "$domain_dir")"
