#!/usr/bin/env bash
# The delivery benchmark: N transaction Bundles to the real EHR sandbox through the module's
# EHR client and N through HAPI's plain generic client, in one run; prints both rates and the
# module's overhead. Usage: bench/delivery.sh [BUNDLES] [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The reactor builds what it needs (never install); the sandbox runs as a process from its jar (test-support).
./mvnw -B -q -pl integration-tests -am verify -DskipITs -Dtest=DeliveryBenchmarkTests \
  -Dsurefire.failIfNoSpecifiedTests=false -Dgroups=benchmark -DexcludedGroups= \
  -Dbench.bundles="${1:-200}" -Dbench.rounds="${2:-5}" \
  -Dsurefire.printSummary=false 2>&1 | grep -E "delivery benchmark|module|plain HAPI|overhead|FAIL|ERROR" || true
