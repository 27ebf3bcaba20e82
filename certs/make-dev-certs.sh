#!/usr/bin/env bash
# Makes the development PKI (certs/dev by default) with the pqws-certs tool; see certs/README.md.
# Every argument is passed to the tool (try --help). Relative paths are taken from the repository root.
# DEVELOPMENT CERTIFICATES ONLY: never use them in production.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/pqws-client/pqws-client.jar"

if [[ ! -f "$jar" ]]; then
    echo "make-dev-certs: $jar is missing; building it (mvn -q -DskipTests package)" >&2
    (cd "$root" && mvn -q -DskipTests package)
fi

cd "$root"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$jar" io.pqws.certs.DevPki "$@"
