#!/usr/bin/env bash
# Makes the development PKI (certs/dev by default) with the pqws-certs tool; see certs/README.md.
# Every argument is passed to the tool (try --help). Relative paths are taken from the repository root.
# DEVELOPMENT CERTIFICATES ONLY: never use them in production.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
client_dir="$root/target/pqws-client"

# The pom names the jar pqws-client.jar or, with the classifier appended, pqws-client-client.jar.
find_jar() {
    local jar
    for jar in "$client_dir/pqws-client.jar" "$client_dir/pqws-client-client.jar"; do
        if [[ -f "$jar" ]]; then
            echo "$jar"
            return 0
        fi
    done
    return 1
}

if ! jar="$(find_jar)"; then
    echo "make-dev-certs: $client_dir/pqws-client.jar is missing; building it (mvn -q -DskipTests package)" >&2
    (cd "$root" && mvn -q -DskipTests package)
    jar="$(find_jar)" || { echo "make-dev-certs: the build made no pqws-client jar in $client_dir" >&2; exit 1; }
fi

cd "$root"
# lib/* is named explicitly: the jar's manifest has no Class-Path for the pom's provided-scope dependencies.
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$jar:$client_dir/lib/*" io.pqws.certs.DevPki "$@"
