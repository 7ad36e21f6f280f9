#!/usr/bin/env bash
# The delivery benchmark: N transaction Bundles to the real EHR sandbox through the module's
# EHR client and N through HAPI's plain generic client, in one run; prints both rates and the
# module's overhead. Usage: bench/delivery.sh [BUNDLES] [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -B -q install -DskipTests -pl integration-tests -am
./mvnw -B -q -pl integration-tests test -Dgroups=benchmark -DexcludedGroups= \
  -Dit.argLine="-Xmx2g" -Dbench.bundles="${1:-200}" -Dbench.rounds="${2:-5}" \
  -Dsurefire.printSummary=false 2>&1 | grep -E "delivery benchmark|module|plain HAPI|overhead|FAIL|ERROR" || true
