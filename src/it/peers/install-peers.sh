#!/usr/bin/env bash
# Installs the independent TLS peers the tests talk to (see README.md beside this file):
#   - Debian's headless Chromium and its ChromeDriver (packages chromium, chromium-driver);
#   - OpenSSL 3.5 for `openssl s_client`, in a minimal Debian trixie chroot made by debootstrap, because
#     Debian 12's own OpenSSL (3.0) knows no ML-KEM groups;
#   - trixie's testssl.sh in that chroot, for the TLS scan (src/it/tls-scan/scan.sh);
#   - trixie's nginx in that chroot, the TLS-terminating proxy of server-config/nginx/pqws.conf (ProxiedIT).
#
# `mvn -B verify` runs it first (the root pom.xml, execution "peers"); CI too, through .ci/run.
# Idempotent: a second run changes nothing and takes a fraction of a second. Quiet on success apart from one line of
# versions at the end; on failure it names the step and shows the end of that step's log.
# Needs root (apt-get, debootstrap, chroot). The chroot goes to ${PQWS_PEERS_DIR:-<repo>/.peers}/trixie.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
peers_dir=${PQWS_PEERS_DIR:-$repo/.peers}
chroot_dir=$peers_dir/trixie
packages=(chromium chromium-driver debootstrap)
# Another session or CI step may hold the dpkg lock; wait for it instead of failing at once.
apt_opts=(-q -o DPkg::Lock::Timeout=600)
export DEBIAN_FRONTEND=noninteractive

log=$(mktemp "${TMPDIR:-/tmp}/install-peers.XXXXXX.log")
build_dir=

die() {
    echo "install-peers: $*" >&2
    if [[ -s $log ]]; then
        echo "install-peers: last lines of $log:" >&2
        tail -n 25 "$log" >&2
    fi
    exit 1
}

# Unmounts whatever a killed debootstrap left mounted under $1 (it mounts /proc and /sys, and in some containers
# bind-mounts the host's /dev), deepest first, so that removing the directory can never reach the host's files.
unmount_under() {
    local dir=$1 mountpoint
    while read -r mountpoint; do
        umount -l "$mountpoint" 2>/dev/null || true
    done < <(awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r)
}

remove_tree() {
    [[ -n $1 && -d $1 ]] || return 0
    unmount_under "$1"
    rm -rf --one-file-system -- "$1"
}

cleanup() {
    local status=$?
    remove_tree "$build_dir"
    # A log is kept only when something failed and it says something: die() has pointed at it.
    if (( status == 0 )) || [[ ! -s $log ]]; then rm -f -- "$log"; fi
}
trap cleanup EXIT
trap 'echo "install-peers: interrupted (log kept: $log)" >&2; exit 130' INT TERM

(( EUID == 0 )) || die "must run as root: apt-get, debootstrap and the tests' chroot need it;" \
    "run 'sudo mvn -B verify' (the build runs this script first), or 'sudo src/it/peers/install-peers.sh' alone"

# --- Debian packages ---------------------------------------------------------------------------------------------
missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$package")
done
if (( ${#missing[@]} > 0 )); then
    apt-get "${apt_opts[@]}" update >>"$log" 2>&1 || die "apt-get update failed"
    apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1 \
        || die "apt-get install ${missing[*]} failed"
fi
for binary in /usr/bin/chromium /usr/bin/chromedriver /usr/sbin/debootstrap; do
    [[ -x $binary ]] || die "$binary is missing although its package is installed"
done

# --- OpenSSL 3.5 chroot ------------------------------------------------------------------------------------------
# Prints the version of the chroot's openssl when it is 3.5 or newer; fails otherwise (missing, broken, too old).
chroot_openssl_version() {
    local version
    version=$(chroot "$1" openssl version 2>/dev/null) || return 1
    [[ $version =~ ^OpenSSL\ ([0-9]+)\.([0-9]+)\.([0-9]+) ]] || return 1
    local major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]}
    (( major > 3 || (major == 3 && minor >= 5) )) || return 1
    echo "${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.${BASH_REMATCH[3]}"
}

mkdir -p -- "$peers_dir" || die "cannot create the peers directory $peers_dir"
# One installer at a time per peers directory; under the lock, leftovers of an interrupted run can go.
exec 9>"$peers_dir/.install.lock" || die "cannot write $peers_dir/.install.lock"
flock -w 1200 9 || die "another install-peers.sh has held $peers_dir/.install.lock for 20 minutes"
for leftover in "$peers_dir"/.trixie.build.* "$peers_dir"/.trixie.stale.*; do
    remove_tree "$leftover"
done

if ! openssl_version=$(chroot_openssl_version "$chroot_dir"); then
    # Built beside its final place (same file system) and renamed into it, so an interrupted run never leaves a
    # half-made chroot where the tests look.
    build_dir=$(mktemp -d "$peers_dir/.trixie.build.XXXXXX") || die "cannot create a build directory in $peers_dir"
    debootstrap --variant=minbase --include=openssl trixie "$build_dir" >>"$log" 2>&1 \
        || die "debootstrap of Debian trixie into $build_dir failed"
    unmount_under "$build_dir"
    openssl_version=$(chroot_openssl_version "$build_dir") \
        || die "the new chroot's openssl is not 3.5+: $(chroot "$build_dir" openssl version 2>&1 || true)"
    if [[ -e $chroot_dir ]]; then
        stale=$(mktemp -d "$peers_dir/.trixie.stale.XXXXXX")
        mv -T -- "$chroot_dir" "$stale/trixie"
        mv -T -- "$build_dir" "$chroot_dir"
        remove_tree "$stale"
    else
        mv -T -- "$build_dir" "$chroot_dir"
    fi
    build_dir=
fi

# --- testssl.sh in the chroot ------------------------------------------------------------------------------------
# The TLS scan (src/it/tls-scan/scan.sh) runs trixie's testssl.sh against the OpenSSL 3.5 beside it, which can
# offer X25519MLKEM768; bookworm's testssl.sh would run on OpenSSL 3.0.
if ! chroot "$chroot_dir" testssl --version >/dev/null 2>&1; then
    chroot "$chroot_dir" apt-get "${apt_opts[@]}" update >>"$log" 2>&1 || die "apt-get update in the chroot failed"
    chroot "$chroot_dir" apt-get "${apt_opts[@]}" install -y --no-install-recommends testssl.sh >>"$log" 2>&1 \
        || die "apt-get install testssl.sh in the chroot failed"
fi
testssl_version=$(chroot "$chroot_dir" dpkg-query -W -f='${Version}' testssl.sh 2>/dev/null) \
    || die "testssl.sh is not installed in $chroot_dir"

# --- nginx in the chroot ------------------------------------------------------------------------------------------
# The TLS-terminating proxy of server-config/nginx/pqws.conf (ProxiedIT), on the same OpenSSL 3.5: the hybrid group
# is negotiated by nginx, and the container learns it from the headers nginx sets. Its post-install script must not
# try to start a service inside the chroot (policy-rc.d).
if ! chroot "$chroot_dir" nginx -v >/dev/null 2>&1; then
    printf '#!/bin/sh\nexit 101\n' > "$chroot_dir/usr/sbin/policy-rc.d"
    chmod 755 "$chroot_dir/usr/sbin/policy-rc.d"
    chroot "$chroot_dir" apt-get "${apt_opts[@]}" update >>"$log" 2>&1 || die "apt-get update in the chroot failed"
    chroot "$chroot_dir" apt-get "${apt_opts[@]}" install -y --no-install-recommends nginx-light >>"$log" 2>&1 \
        || die "apt-get install nginx-light in the chroot failed"
fi
nginx_version=$(chroot "$chroot_dir" nginx -v 2>&1 | sed -n 's|^nginx version: nginx/||p')
[[ -n $nginx_version ]] || die "nginx is not installed in $chroot_dir"

chromium_version=$(/usr/bin/chromium --version 2>/dev/null | awk '{ print $2 }') || true
driver_version=$(/usr/bin/chromedriver --version 2>/dev/null | awk '{ print $2 }') || true
[[ -n $chromium_version ]] || die "/usr/bin/chromium --version printed nothing"
[[ -n $driver_version ]] || die "/usr/bin/chromedriver --version printed nothing"
echo "peers: chromium $chromium_version, chromedriver $driver_version, openssl $openssl_version," \
    "testssl.sh $testssl_version, nginx $nginx_version ($chroot_dir)"
