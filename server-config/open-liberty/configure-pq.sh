#!/usr/bin/env bash
# pqws: turn the https port of an Open Liberty server into a hybrid post-quantum one (X25519MLKEM768 through
# BCJSSE 1.84). restore.sh undoes every step.
#
#   server-config/open-liberty/configure-pq.sh --server-dir WLP/usr/servers/NAME [--profile hybrid|hybrid-only|classic]
#       [--certs certs/dev] [--store-password changeit] [--endpoint defaultHttpEndpoint] [--https-port PORT]
#       [--feature webProfile-10.0]...
#
# The server must be stopped, or be restarted afterwards (jvm.options is read at start only). Needs 'mvn package'
# first (the provider jars and the profile tool) and keytool on the PATH or in JAVA_HOME. --feature (repeatable)
# names what the WAR needs beside Liberty's transportSecurity-1.0; the default, webProfile-10.0, suits a Jakarta EE
# 10 server (a Jakarta EE 11 one passes webProfile-11.0).
#
# What it does, in the server directory:
#   1. copies the provider jars and the profile to SERVER/pqws/ and writes SERVER/pqws/PROFILE.args from them;
#   2. appends every line of that file to SERVER/jvm.options (a copy of the old file, if there was one, is kept);
#   3. writes the key store SERVER/pqws/key.p12 (the server key, alias pqws-server) and the trust store
#      SERVER/pqws/trust.p12 (the CA of client certificates, alias pqws-client-ca);
#   4. writes configDropins/overrides/pqws-pq.xml: the features, both stores, an ssl element that takes its
#      SSLContext from the PQWS provider and asks for (does not require) a client certificate, and the endpoint's
#      sslOptions (and https port, if given).
# server.xml itself is not touched. What it changed is written to SERVER/pqws/restore.state for restore.sh.
#
# Why jsseProvider="PQWS", and the two ssl.*ManagerFactory.algorithm lines in SERVER/pqws/java.security: Liberty asks
# for its SSLContext with an explicit provider, SunJSSE on a non-IBM JDK (SSLConfig.initializeDefaults sets
# com.ibm.ssl.contextProvider from SunJSSEProvider), which would bypass the PQWS provider and negotiate x25519 only.
# The ssl element's jsseProvider attribute names the provider instead; Liberty then asks the same provider for its
# key and trust manager factories (AbstractJSSEProvider.getKeyManagerFactoryInstance), which PQWS does not offer, so
# the algorithms name SunJSSE explicitly ('SunX509|SunJSSE', 'PKIX|SunJSSE': Liberty splits them at '|').
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
server_dir=
profile=hybrid
certs=$root/certs/dev
store_password=changeit
endpoint=defaultHttpEndpoint
https_port=
features=()

die() { echo "configure-pq.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --server-dir) server_dir=${2:?--server-dir needs a value}; shift 2 ;;
    --profile) profile=${2:?--profile needs a value}; shift 2 ;;
    --certs) certs=${2:?--certs needs a value}; shift 2 ;;
    --store-password) store_password=${2:?--store-password needs a value}; shift 2 ;;
    --endpoint) endpoint=${2:?--endpoint needs a value}; shift 2 ;;
    --https-port) https_port=${2:?--https-port needs a value}; shift 2 ;;
    --feature) features+=("${2:?--feature needs a value}"); shift 2 ;;
    -h|--help) sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[ -n "$server_dir" ] || die "--server-dir WLP/usr/servers/NAME is required"
[ -f "$server_dir/server.xml" ] || die "$server_dir is not an Open Liberty server directory (no server.xml)"
server_dir=$(cd "$server_dir" && pwd)
[ ${#features[@]} -gt 0 ] || features=(webProfile-10.0)
[[ -z "$https_port" || "$https_port" =~ ^[0-9]+$ ]] || die "--https-port must be a port number, not '$https_port'"
[ -f "$root/target/pqws-client/pqws-client.jar" ] && [ -d "$root/target/pq-profile/jars" ] \
  || die "build first: mvn package (the provider jars and the profile tool are missing from target/)"
for file in server.p12 ca.pem; do
  [ -f "$certs/$file" ] || die "$certs/$file is missing (make the development PKI with certs/make-dev-certs.sh)"
done
[ "$profile" != hybrid-mldsa ] \
  || die "profile hybrid-mldsa needs a second listener and the dual-chain key store of the Payara Micro recipe;" \
         "use hybrid, hybrid-only or classic here"
[ -d "$root/pq-profile/$profile" ] || die "unknown profile '$profile'"
state_dir=$server_dir/pqws
state=$state_dir/restore.state
override=$server_dir/configDropins/overrides/pqws-pq.xml
[ ! -e "$state" ] || die "$server_dir is already configured by pqws; run restore.sh first"
[ ! -e "$override" ] || die "$override exists but was not written by this script (no $state); move it away first"
keytool=${JAVA_HOME:+$JAVA_HOME/bin/}keytool
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# keytool talks on stderr even when it succeeds; its words are shown only when it fails.
kt() { local out; out=$("$keytool" "$@" 2>&1) || die "keytool failed: $out"; }

# 1. The profile and the jars, installed into the server so that it no longer depends on this checkout.
mkdir -p "$state_dir/jars" "$state_dir/profiles"
# Everything changed is recorded as it happens, so restore.sh can undo even a run that failed half-way.
: > "$state"
cp "$root"/target/pq-profile/jars/*.jar "$state_dir/jars/"
cp -r "$root/pq-profile/$profile" "$state_dir/profiles/"
"$java" -cp "$root/target/pqws-client/pqws-client.jar" io.pqws.profile.ProfileArgsWriter \
  --profiles "$state_dir/profiles" --jars "$state_dir/jars" --out "$state_dir" --profile "$profile" >/dev/null
# The Liberty addition to the profile's security properties (see the header), after the profile tool checked them.
printf '%s\n' '# pqws, Open Liberty: its SSL configuration asks PQWS for these factories; SunJSSE has them.' \
  'ssl.KeyManagerFactory.algorithm=SunX509|SunJSSE' 'ssl.TrustManagerFactory.algorithm=PKIX|SunJSSE' \
  >> "$state_dir/profiles/$profile/java.security"

# 2. jvm.options: the old file is kept byte for byte, so that restore.sh can put it back exactly.
if [ -f "$server_dir/jvm.options" ]; then
  cp -p "$server_dir/jvm.options" "$state_dir/jvm.options.before"
  echo "jvm-options=kept" >> "$state"
  [ -z "$(tail -c 1 "$server_dir/jvm.options")" ] || echo >> "$server_dir/jvm.options"
else
  echo "jvm-options=created" >> "$state"
fi
{
  echo "# pqws PQ profile '$profile' (server-config/open-liberty/configure-pq.sh; restore.sh removes it)"
  cat "$state_dir/$profile.args"
} >> "$server_dir/jvm.options"

# 3. The stores, in the server's pqws directory (the trust store holds only the CA of client certificates).
cp "$certs/server.p12" "$state_dir/key.p12"
kt -list -keystore "$state_dir/key.p12" -storetype PKCS12 -storepass "$store_password" -alias pqws-server
kt -importcert -noprompt -alias pqws-client-ca -file "$certs/ca.pem" -keystore "$state_dir/trust.p12" \
  -storetype PKCS12 -storepass "$store_password"

# 4. The configuration drop-in. Directories that did not exist are recorded, so restore.sh removes them again.
for dir in "$server_dir/configDropins" "$server_dir/configDropins/overrides"; do
  if [ ! -d "$dir" ]; then
    mkdir "$dir"
    echo "created-dir=$dir" >> "$state"
  fi
done
ciphers=$(sed -n 's/^set .*\.https-listener\.ssl\.ssl3-tls-ciphers=//p' \
  "$root/server-config/payara-micro/pre-boot-commands.asadmin")
[ -n "$ciphers" ] || die "no ssl3-tls-ciphers line in server-config/payara-micro/pre-boot-commands.asadmin"
protocols="TLSv1.2,TLSv1.3"
[ "$profile" != hybrid-only ] || protocols=TLSv1.3
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo "<!-- pqws PQ profile '$profile': server-config/open-liberty/configure-pq.sh wrote this file;"
  echo '     restore.sh removes it. -->'
  echo '<server>'
  echo '    <featureManager>'
  echo '        <feature>transportSecurity-1.0</feature>'
  for feature in "${features[@]}"; do
    echo "        <feature>$feature</feature>"
  done
  echo '    </featureManager>'
  echo "    <keyStore id=\"pqwsKeyStore\" location=\"\${server.config.dir}/pqws/key.p12\" type=\"PKCS12\""
  echo "              password=\"$store_password\"/>"
  echo "    <keyStore id=\"pqwsTrustStore\" location=\"\${server.config.dir}/pqws/trust.p12\" type=\"PKCS12\""
  echo "              password=\"$store_password\"/>"
  echo '    <ssl id="pqwsSSLConfig" jsseProvider="PQWS" keyStoreRef="pqwsKeyStore" trustStoreRef="pqwsTrustStore"'
  echo '         serverKeyAlias="pqws-server" clientAuthenticationSupported="true"'
  echo "         sslProtocol=\"$protocols\" enabledCiphers=\"${ciphers//,/ }\"/>"
  echo '    <sslOptions id="pqwsSSLOptions" sslRef="pqwsSSLConfig"/>'
  echo "    <httpEndpoint id=\"$endpoint\" sslOptionsRef=\"pqwsSSLOptions\"${https_port:+ httpsPort=\"$https_port\"}/>"
  echo '</server>'
} > "$override"
echo "override=$override" >> "$state"

echo "Server $(basename "$server_dir") configured with PQ profile '$profile' on $endpoint."
echo "Restart it to apply: $(cd "$server_dir/../../.." && pwd)/bin/server stop $(basename "$server_dir");" \
  "then start it again"
