#!/usr/bin/env bash
# pqws: build the WAR, make the development PKI if missing, and run it on Payara Micro with a PQ TLS profile.
#
#   server-config/payara-micro/run.sh [--profile hybrid|hybrid-only|classic|hybrid-mldsa|observe|none]
#                                     [--https-port 8443] [--http-port 8080] [--pq-https-port 8444]
#                                     [--bind 127.0.0.1] [--operator-clients loopback] [--background] [--skip-build]
#                                     [--payara 6|7] [--state DIR] [--settings FILE] [--also-deploy WAR]
#
# --payara 7 runs Payara Micro 7.2025.1 (Jakarta EE 11), which needs Java 21 or newer (set JAVA_HOME).
# --profile none runs stock Payara Micro (the JDK's SunJSSE, no hybrid group): the baseline to compare with.
# --profile observe runs the same JDK TLS, unchanged, with every handshake watched by the PQWS provider: who
# already offers a hybrid group, and who hybrid-only would refuse (docs/operating-a-trial.md).
# --profile hybrid-mldsa adds a second HTTPS listener (--pq-https-port) that serves ML-DSA certificates to clients
# that list ML-DSA signature schemes. --operator-clients sets who may read the metrics and status page
# (pqws.operator.allowed-clients; loopback unless the settings say otherwise).
# In the foreground, Ctrl+C stops the server; with --background, stop it with server-config/payara-micro/stop.sh.
# --state DIR (default target/payara) holds the log and pid file: one instance per state directory, so the
# benchmarks can run several side by side (stop each with stop.sh --state DIR). --settings FILE replaces
# server-config/payara-micro/pqws.properties (the module's settings, docs/messaging.md), e.g. for the benchmarks.
# --also-deploy WAR deploys another WAR beside pqws (context root: its file name), e.g. the benchmark's baseline.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
profile=hybrid
https_port=8443
http_port=8080
bind=127.0.0.1
pq_https_port=
operator_clients=
background=false
build=true
payara=6
state=
settings=
also_deploy=()

die() { echo "run.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile=${2:?--profile needs a value}; shift 2 ;;
    --https-port) https_port=${2:?--https-port needs a value}; shift 2 ;;
    --http-port) http_port=${2:?--http-port needs a value}; shift 2 ;;
    --bind) bind=${2:?--bind needs a value}; shift 2 ;;
    --pq-https-port) pq_https_port=${2:?--pq-https-port needs a value}; shift 2 ;;
    --operator-clients) operator_clients=${2:?--operator-clients needs a value}; shift 2 ;;
    --background) background=true; shift ;;
    --skip-build) build=false; shift ;;
    --payara) payara=${2:?--payara needs a value}; shift 2 ;;
    --state) state=${2:?--state needs a value}; shift 2 ;;
    --settings) settings=${2:?--settings needs a value}; shift 2 ;;
    --also-deploy) [ -f "${2:?--also-deploy needs a value}" ] || die "no WAR $2"; also_deploy+=(--deploy "$2"); shift 2 ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
pq_https_port=${pq_https_port:-$((https_port + 1))}
for port in "$https_port" "$http_port" "$pq_https_port"; do
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "'$port' is not a TCP port"
done

case "$payara" in
  6) micro_jar=payara-micro.jar; min_java=17 ;;
  7) micro_jar=payara-micro-7.jar; min_java=21 ;;
  *) die "--payara must be 6 or 7, not '$payara'" ;;
esac

java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
java_major=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${java_major:-0}" -ge "$min_java" ] 2>/dev/null \
  || die "Payara Micro $payara needs Java $min_java or newer; '$java_bin' is ${java_major:-unknown} (set JAVA_HOME)"

cd "$root"
target=$root/target
if $build || [ ! -f "$target/pqws.war" ]; then
  echo "Building the WAR, the client and the PQ profile jars (mvn package)..."
  mvn -q -B -Dstyle.color=never -DskipTests package
fi

certs=$root/certs/dev
keystore=$certs/server.p12
preboot=$root/server-config/payara-micro/pre-boot-commands.asadmin
if [ "$profile" = hybrid-mldsa ]; then
  # Both server chains (ECDSA and ML-DSA-65) in one store, and the second listener that picks one per client.
  "$root/certs/make-dev-certs.sh" --out "$certs" --ml-dsa >/dev/null
  keystore=$certs/server-dual.p12
  preboot=$root/server-config/payara-micro/pre-boot-commands-pq-listener.asadmin
else
  "$root/certs/make-dev-certs.sh" --out "$certs" >/dev/null
fi

jvm_args=()
if [ "$profile" != none ]; then
  "$java_bin" -cp "$target/pqws-client/pqws-client.jar" io.pqws.profile.ProfileArgsWriter \
    --profiles "$root/pq-profile" --jars "$target/pq-profile/jars" --out "$target/pq-profile" \
    --profile "$profile" >/dev/null
  jvm_args+=("@$target/pq-profile/$profile.args")
fi

state=${state:-$target/payara}
settings=${settings:-$root/server-config/payara-micro/pqws.properties}
[ -f "$settings" ] || die "no settings file $settings"
mkdir -p "$state"
state=$(cd "$state" && pwd)
sed -e "s/@BIND_ADDRESS@/$bind/g" -e "s/@PQ_HTTPS_PORT@/$pq_https_port/g" "$preboot" > "$state/run-pre-boot-commands.asadmin"
log=$state/payara-micro.log
pid_file=$state/payara-micro.pid
if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  die "a pqws Payara Micro is already running (pid $(cat "$pid_file")); stop it with server-config/payara-micro/stop.sh${state:+ --state $state}"
fi

"$java_bin" "${jvm_args[@]}" \
  -Djavax.net.ssl.keyStore="$keystore" -Djavax.net.ssl.keyStorePassword=changeit \
  ${operator_clients:+"-Dpqws.operator.allowed-clients=$operator_clients"} \
  -Djavax.net.ssl.trustStore="$certs/truststore.p12" -Djavax.net.ssl.trustStorePassword=changeit \
  -jar "$target/payara/$micro_jar" --deploy "$target/pqws.war" --contextroot pqws ${also_deploy[@]+"${also_deploy[@]}"} \
  --port "$http_port" --sslport "$https_port" --sslcert pqws-server --nocluster \
  --prebootcommandfile "$state/run-pre-boot-commands.asadmin" \
  --systemproperties "$settings" >"$log" 2>&1 &
pid=$!
echo "$pid" > "$pid_file"
stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$pid_file"; }

echo "Starting Payara Micro $payara (profile: $profile, Java $java_major, log: ${log#$root/})..."
started=$(date +%s)
until grep -q 'ready in' "$log" 2>/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "run.sh: Payara Micro exited during start-up; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    rm -f "$pid_file"
    exit 1
  fi
  if [ $(( $(date +%s) - started )) -gt 180 ]; then
    stop
    die "Payara Micro was not ready within 180 s; see $log"
  fi
  sleep 1
done
if grep -q 'Exception while loading the app' "$log"; then
  echo "run.sh: the WAR failed to deploy; the reason, from $log:" >&2
  # the module's own checks (settings, PQ profile) say why in the innermost cause
  grep -m1 -E '^Caused by: .*(InvalidSettingsException|IllegalStateException): ' "$log" | sed 's/^Caused by: //' >&2 \
    || grep -m1 -E 'IllegalStateException|Exception:' "$log" >&2 || tail -n 20 "$log" >&2
  stop
  exit 1
fi
ready=$(grep -o 'ready in [0-9,]* (ms)' "$log" | head -1)

host=$bind
[ "$bind" = 0.0.0.0 ] && host=localhost
[ "$bind" = 127.0.0.1 ] && host=localhost
cat <<MSG

pqws is up ($ready, PQ profile: $profile).
  Page (is this connection quantum-safe?):  https://$host:$https_port/pqws/
  WebSocket echo:                           wss://$host:$https_port/pqws/echo
  WebSocket TLS report + echo:              wss://$host:$https_port/pqws/tls
  TLS facts as JSON:                        https://$host:$https_port/pqws/api/tls
  Chat rooms:                               wss://$host:$https_port/pqws/chat/{room}
  Notifications:                            wss://$host:$https_port/pqws/notifications
  Connection tickets, publishing:           POST https://$host:$https_port/pqws/api/tickets, .../api/notifications
  Messaging settings:                       ${settings#$root/} (docs/messaging.md)
  Plain HTTP (no TLS):                      http://$host:$http_port/pqws/
  Status page (operators):                  https://$host:$https_port/pqws/status.html (clients: ${operator_clients:-loopback})
  Prometheus metrics (same clients):        https://$host:$https_port/pqws/api/metrics
  Development CA to trust:                  ${certs#$root/}/ca.pem (DEVELOPMENT ONLY)
  Check the group with the CLI:
    java -jar target/pqws-client/pqws-client.jar connect --truststore ${certs#$root/}/truststore.p12 wss://$host:$https_port/pqws/tls
  Probe what the server supports:
    java -jar target/pqws-client/pqws-client.jar probe --truststore ${certs#$root/}/truststore.p12 $host:$https_port
  Who the hybrid-only profile would refuse:
    java -jar target/pqws-client/pqws-client.jar readiness --truststore ${certs#$root/}/truststore.p12 https://$host:$https_port/pqws/
MSG
if [ "$profile" = hybrid-mldsa ]; then
  cat <<MSG
  ML-DSA or ECDSA chain, chosen per client: https://$host:$pq_https_port/pqws/ (ML-DSA CA: ${certs#$root/}/ca-mldsa.pem)
MSG
fi

if $background; then
  echo "  Stop it with:                             server-config/payara-micro/stop.sh"
  exit 0
fi
echo "  Stop it with Ctrl+C."
trap 'echo; echo "Stopping Payara Micro..."; stop; exit 0' INT TERM
wait "$pid"
rm -f "$pid_file"
