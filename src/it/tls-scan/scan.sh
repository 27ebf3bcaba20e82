#!/usr/bin/env bash
# TLS scan of the wss:// listener under each PQ profile with testssl.sh (Debian trixie's, on its OpenSSL 3.5, in the
# peers chroot that src/it/peers/install-peers.sh makes), on loopback. For each profile it starts Payara Micro with
# server-config/payara-micro/run.sh on free ports and its own state directory, scans, stops it, and checks:
#   - no protocol below TLS 1.2 (SSLv2, SSLv3, TLS 1.0, TLS 1.1 not offered);
#   - no NULL, anonymous, export, LOW (DES, RC2/RC4, MD5), 3DES/IDEA or obsolete CBC suites; no AEAD without FS;
#   - secure renegotiation supported, no client-initiated renegotiation;
#   - the certificate chain verifies with the development CA as the trust anchor;
#   - no SHA-1 or SHA-224 handshake signature in TLS 1.2 (FS_TLS12_sig_algs);
#   - no other finding of severity HIGH or CRITICAL, except cert_revocation (the development PKI has no CRL/OCSP).
# hybrid-mldsa: both listeners are scanned (the second one serves ML-DSA-65 to clients that list it).
#
# Usage (root: the chroot needs /proc and /dev, mounted in a private mount namespace only for the scan):
#   mvn -q -B -DskipTests package
#   src/it/tls-scan/scan.sh [--peers-dir DIR] [--out DIR] [PROFILE...]   (default: all four profiles)
# Results: target/tls-scan/<profile>[-pq]/{testssl.txt,testssl.json,checks.txt}; exit 1 when a check fails.
# About one minute per listener on a 2-core machine; not part of mvn verify for that reason (SECURITY.md).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
peers_dir=${PQWS_PEERS_DIR:-$repo/.peers}
out=$repo/target/tls-scan
profiles=()
while (( $# > 0 )); do
    case $1 in
        --peers-dir) peers_dir=${2:?--peers-dir needs a value}; shift 2 ;;
        --out) out=${2:?--out needs a value}; shift 2 ;;
        -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        hybrid|hybrid-only|classic|hybrid-mldsa) profiles+=("$1"); shift ;;
        *) echo "scan.sh: unknown argument '$1' (profiles: hybrid hybrid-only classic hybrid-mldsa)" >&2; exit 2 ;;
    esac
done
(( ${#profiles[@]} > 0 )) || profiles=(hybrid hybrid-only classic hybrid-mldsa)
chroot_dir=$peers_dir/trixie

die() { echo "scan.sh: $*" >&2; exit 1; }
(( EUID == 0 )) || die "must run as root (chroot, and a private mount namespace for /proc and /dev)"
chroot "$chroot_dir" testssl --version >/dev/null 2>&1 \
    || die "no testssl.sh in $chroot_dir; run src/it/peers/install-peers.sh first"
command -v jq >/dev/null || die "jq is missing (apt-get install jq)"
[[ -f $repo/target/pqws.war ]] || die "target/pqws.war is missing; run mvn -q -B -DskipTests package first"

# A port nobody listens on, from the ephemeral range's neighbourhood.
free_port() {
    local port
    for _ in $(seq 50); do
        port=$(( 20000 + RANDOM % 30000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "no free port found"
}

# testssl in the chroot, with /proc and /dev visible there only for this process tree.
testssl_in_chroot() {
    unshare --mount --propagation private --fork sh -c \
        'mount -t proc proc "$0/proc" && mount --bind /dev "$0/dev" && exec chroot "$0" testssl "$@"' \
        "$chroot_dir" "$@"
}

# The checks; one line per check, "ok" or "FAIL", on stdout.
check() {
    local json=$1 failed=0 id finding
    # A listener with two certificates (hybrid-mldsa's second one) reports certificate ids once per certificate,
    # as "ID <hostCert#N>"; every one of them must match.
    findings_of() {
        jq -r --arg id "$1" '[.[] | select(.id == $id or (.id | startswith($id + " <"))) | .finding]
                             | if length == 0 then "absent" else join(" | ") end' "$json"
    }
    expect() { # ID PATTERN
        finding=$(findings_of "$1")
        if jq -e --arg id "$1" --arg re "$2" '[.[] | select(.id == $id or (.id | startswith($id + " <")))]
                                              | length > 0 and all(.finding | test($re))' "$json" >/dev/null; then
            echo "ok    $1: $finding"
        else
            echo "FAIL  $1: $finding (want /$2/)"
            failed=1
        fi
    }
    for id in SSLv2 SSLv3 TLS1 TLS1_1; do expect "$id" '^not offered'; done
    for id in cipherlist_NULL cipherlist_aNULL cipherlist_EXPORT cipherlist_LOW cipherlist_3DES_IDEA \
              cipherlist_OBSOLETED cipherlist_STRONG_NOFS; do
        expect "$id" '^not offered'
    done
    expect secure_renego '^(supported|TLS 1.3 only server)'  # TLS 1.3 has no renegotiation at all
    expect secure_client_renego '^not vulnerable'
    expect cert_chain_of_trust '^passed'
    # No SHA-1 or SHA-224 handshake signatures (the profiles' jdk.tls.server.SignatureSchemes); hybrid-only has no
    # TLS 1.2 to report on.
    [[ $(findings_of FS_TLS12_sig_algs) == absent ]] || expect FS_TLS12_sig_algs '^(?!.*SHA(1|224)\b)'
    local severe
    severe=$(jq -r '.[] | select(.severity == "HIGH" or .severity == "CRITICAL")
                    | select(.id | startswith("cert_revocation") | not)
                    | "\(.id): \(.finding)"' "$json")
    if [[ -z $severe ]]; then
        echo "ok    no HIGH or CRITICAL finding (besides cert_revocation: the development PKI has no CRL/OCSP)"
    else
        echo "FAIL  HIGH/CRITICAL: $severe"
        failed=1
    fi
    return $failed
}

scan_listener() { # NAME PORT CA_FILES
    local name=$1 port=$2 cas=$3 dir=$out/$1 work
    mkdir -p "$dir"
    work=$(mktemp -d "$chroot_dir/tmp/pqws-scan.XXXXXX")
    local inside=/tmp/${work##*/} ca_list=() ca
    for ca in $cas; do cp "$ca" "$work/"; ca_list+=("$inside/${ca##*/}"); done
    echo "scan.sh: scanning $name on 127.0.0.1:$port ..."
    testssl_in_chroot -p -s -f -P -R -S -U --ip one --add-ca "$(IFS=,; echo "${ca_list[*]}")" \
        --jsonfile "$inside/testssl.json" --warnings batch --color 0 --quiet "localhost:$port" \
        > "$dir/testssl.txt" 2>&1 || true
    if [[ ! -s $work/testssl.json ]]; then
        rm -rf -- "$work"
        die "testssl wrote no results for $name (see $dir/testssl.txt)"
    fi
    cp "$work/testssl.json" "$dir/testssl.json"
    rm -rf -- "$work"
    if check "$dir/testssl.json" > "$dir/checks.txt"; then
        echo "scan.sh: $name: all checks passed ($dir/checks.txt)"
    else
        echo "scan.sh: $name: checks FAILED:" >&2
        grep '^FAIL' "$dir/checks.txt" >&2
        return 1
    fi
}

status=0
for profile in "${profiles[@]}"; do
    state=$out/$profile/state
    mkdir -p "$state"
    https=$(free_port); http=$(free_port); pq=$(free_port)
    args=(--background --skip-build --profile "$profile" --https-port "$https" --http-port "$http" --state "$state")
    [[ $profile == hybrid-mldsa ]] && args+=(--pq-https-port "$pq")
    "$repo/server-config/payara-micro/run.sh" "${args[@]}" > "$out/$profile/run.log" 2>&1 \
        || { cat "$out/$profile/run.log" >&2; die "the server did not start with profile $profile"; }
    scan_listener "$profile" "$https" "$repo/certs/dev/ca.pem" || status=1
    if [[ $profile == hybrid-mldsa ]]; then
        scan_listener "$profile-pq" "$pq" "$repo/certs/dev/ca.pem $repo/certs/dev/ca-mldsa.pem" || status=1
    fi
    "$repo/server-config/payara-micro/stop.sh" --state "$state" >/dev/null
done
exit $status
