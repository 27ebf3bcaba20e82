#!/usr/bin/env bash
# pqws benchmarks: a TLS-terminating nginx on OpenSSL 3.5 (Debian trixie, in a chroot of its own), the alternative a
# user would put in front of a container instead of a PQ profile. See BENCHMARKS.md.
#
#   bench/nginx.sh prepare [--peers DIR]     make .peers/bench-nginx (a copy of DIR/trixie plus nginx-light); idempotent
#   bench/nginx.sh start --https-port P --backend-port Q [--certs DIR]
#                                            serve https://127.0.0.1:P with X25519MLKEM768:X25519, proxying to the
#                                            plain-HTTP container on 127.0.0.1:Q (WebSocket upgrades included)
#   bench/nginx.sh stop                      stop it
#
# DIR defaults to ${PQWS_PEERS_DIR:-<repo>/.peers} (where src/it/peers/install-peers.sh puts the trixie chroot);
# --certs defaults to certs/dev. Needs root (chroot, apt-get). Loopback only.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
chroot_dir=$root/.peers/bench-nginx
conf_dir=/etc/pqws-bench
pid_file=/run/pqws-bench-nginx.pid
export DEBIAN_FRONTEND=noninteractive

die() { echo "nginx.sh: $*" >&2; exit 2; }
(( EUID == 0 )) || die "must run as root: chroot and apt-get need it"

prepare() {
  local peers=${PQWS_PEERS_DIR:-$root/.peers}
  while [ $# -gt 0 ]; do
    case "$1" in
      --peers) peers=${2:?--peers needs a value}; shift 2 ;;
      *) die "prepare: unknown option '$1'" ;;
    esac
  done
  if [ -x "$chroot_dir/usr/sbin/nginx" ]; then
    return 0
  fi
  [ -x "$peers/trixie/usr/bin/openssl" ] \
    || die "no OpenSSL 3.5 chroot at $peers/trixie; run src/it/peers/install-peers.sh first (or pass --peers)"
  local build
  mkdir -p "$root/.peers"
  build=$(mktemp -d "$root/.peers/.bench-nginx.build.XXXXXX")
  trap 'rm -rf --one-file-system -- "$build"' EXIT
  cp -a "$peers/trixie/." "$build/"
  # The package's post-install script must not try to start a service inside the chroot.
  printf '#!/bin/sh\nexit 101\n' > "$build/usr/sbin/policy-rc.d"
  chmod 755 "$build/usr/sbin/policy-rc.d"
  chroot "$build" apt-get -q -o DPkg::Lock::Timeout=600 update >/dev/null \
    || die "apt-get update in the chroot failed"
  chroot "$build" apt-get -q -o DPkg::Lock::Timeout=600 install -y --no-install-recommends nginx-light >/dev/null \
    || die "apt-get install nginx-light in the chroot failed"
  rm -rf --one-file-system -- "$chroot_dir"
  mv -T -- "$build" "$chroot_dir"
  trap - EXIT
}

start() {
  local https_port= backend_port= certs=$root/certs/dev
  while [ $# -gt 0 ]; do
    case "$1" in
      --https-port) https_port=${2:?--https-port needs a value}; shift 2 ;;
      --backend-port) backend_port=${2:?--backend-port needs a value}; shift 2 ;;
      --certs) certs=${2:?--certs needs a value}; shift 2 ;;
      *) die "start: unknown option '$1'" ;;
    esac
  done
  for port in "$https_port" "$backend_port"; do
    [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "'$port' is not a TCP port"
  done
  [ -x "$chroot_dir/usr/sbin/nginx" ] || die "nginx is not prepared; run bench/nginx.sh prepare"
  [ -f "$certs/server.pem" ] && [ -f "$certs/server-key.pem" ] || die "no server.pem/server-key.pem in $certs"
  if [ -f "$chroot_dir$pid_file" ] && kill -0 "$(cat "$chroot_dir$pid_file")" 2>/dev/null; then
    die "the benchmark nginx is already running (pid $(cat "$chroot_dir$pid_file")); bench/nginx.sh stop"
  fi
  mkdir -p "$chroot_dir$conf_dir"
  install -m 600 "$certs/server.pem" "$chroot_dir$conf_dir/server.pem"
  install -m 600 "$certs/server-key.pem" "$chroot_dir$conf_dir/server-key.pem"
  cat > "$chroot_dir$conf_dir/nginx.conf" <<CONF
# Written by bench/nginx.sh start; TLS 1.3 with the hybrid group first, as a PQ-aware reverse proxy would be set up.
worker_processes auto;
pid $pid_file;
error_log /var/log/nginx/pqws-bench-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
    server {
        listen 127.0.0.1:$https_port ssl;
        server_name localhost;
        ssl_certificate $conf_dir/server.pem;
        ssl_certificate_key $conf_dir/server-key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ecdh_curve X25519MLKEM768:X25519:prime256v1;
        ssl_session_cache shared:pqws:10m;
        location / {
            proxy_pass http://127.0.0.1:$backend_port;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_set_header Host \$host;
            proxy_read_timeout 600s;
        }
    }
}
CONF
  chroot "$chroot_dir" nginx -t -q -c "$conf_dir/nginx.conf" || die "nginx rejected its configuration"
  chroot "$chroot_dir" nginx -c "$conf_dir/nginx.conf" || die "nginx did not start"
  echo "nginx $(chroot "$chroot_dir" nginx -v 2>&1 | sed 's/.*nginx\///') on $(chroot "$chroot_dir" openssl version | cut -d' ' -f1-2) serves https://127.0.0.1:$https_port (pid $(cat "$chroot_dir$pid_file"))"
}

stop() {
  [ -f "$chroot_dir$pid_file" ] || die "the benchmark nginx is not running (no $chroot_dir$pid_file)"
  chroot "$chroot_dir" nginx -c "$conf_dir/nginx.conf" -s quit || true
  local pid
  pid=$(cat "$chroot_dir$pid_file" 2>/dev/null || true)
  for _ in $(seq 50); do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$chroot_dir$pid_file"
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  prepare) prepare "$@" ;;
  start) start "$@" ;;
  stop) stop "$@" ;;
  -h|--help|help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
  *) die "usage: bench/nginx.sh prepare|start|stop (see --help)" ;;
esac
