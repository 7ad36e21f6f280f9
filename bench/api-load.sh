#!/usr/bin/env bash
# The API load run (README.md, "API load run"): Keycloak, the EHR sandbox and the application under
# test (the web-form plugin plus a bare endpoint, demo-host's test LoadTestHostApplication) each in a
# process of its own on loopback, the store in a throwaway PostgreSQL schema of 127.0.0.1:5432/test;
# a second process (org.example.loadtest.ApiLoadRun) drives the load with real Keycloak tokens and
# prints accepted/s with p50/p99 for /api/intakes and for /bench/bare, then the delivery rate to the
# sandbox against HAPI's generic client posting the same Bundles, with submit-to-delivered p50/p99.
#
#   bench/api-load.sh [REQUESTS] [CLIENTS]      defaults: 800 measured requests per endpoint, 8 clients
#
# Environment: LOAD_WARMUP (200), LOAD_ROUNDS (4), LOAD_HALF_REQUESTS (400, sent to the API paced at half its rate),
# LOAD_APP_JVM (the app's JVM options, "-Xms512m -Xmx512m"; add -XX:StartFlightRecording=filename=...jfr for a profile), LOAD_SECONDS (60), LOAD_DELIVERY_THREADS (10), LOAD_HAPI_BUNDLES (200),
# LOAD_DRAIN_SECONDS (300: how long the backlog may take to drain once the load has ended),
# LOAD_EHR_VALIDATE (false: the sandbox skips its R4 validation, as EHR_VALIDATE_REQUESTS=false),
# LOAD_TIMEOUT (600 s for the run after the build). Builds with the reactor (package, never install),
# and on exit stops every process it started and drops its schema, also on failure or Ctrl-C.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
work="$root/demo-host/target/api-load"
mkdir -p "$work"
cd "$root"

echo "api-load: building demo-host and the EHR sandbox (reactor package, no install)..." >&2
./mvnw -B -q -DskipTests -pl demo-host,ehr-sandbox -am package dependency:build-classpath \
  -DincludeScope=test -Dmdep.outputFile=target/test-classpath.txt >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log" >&2; exit 2; }

schema="apiload_$(date +%s)_$$"
pids="$work/pids"
: >"$pids"
main=""
cleanup() {
  status=$?
  trap - EXIT INT TERM
  if [[ -n "$main" ]] && kill -0 "$main" 2>/dev/null; then
    kill -TERM "$main" 2>/dev/null || true # its shutdown hook stops the app, the sandbox and Keycloak
    for _ in $(seq 1 60); do kill -0 "$main" 2>/dev/null || break; sleep 1; done
    kill -KILL "$main" 2>/dev/null || true
  fi
  while read -r pid; do # what the load process started, should it have died without stopping them
    if [[ -n "$pid" ]] && grep -qaE "ehr-sandbox.jar|LoadTestHostApplication" "/proc/$pid/cmdline" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done <"$pids"
  psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  exit "$status"
}
trap cleanup EXIT INT TERM

cd "$root/demo-host"
classpath="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
timeout --signal=TERM "${LOAD_TIMEOUT:-600}" java -Xms256m -Xmx1g -cp "$classpath" \
  -Dload.requests="${1:-800}" -Dload.clients="${2:-8}" -Dload.warmup="${LOAD_WARMUP:-200}" \
  -Dload.rounds="${LOAD_ROUNDS:-4}" -Dload.half-load-requests="${LOAD_HALF_REQUESTS:-400}" \
  -Dload.app-jvm="${LOAD_APP_JVM:--Xms512m -Xmx512m}" \
  -Dload.seconds="${LOAD_SECONDS:-60}" -Dload.drain-seconds="${LOAD_DRAIN_SECONDS:-300}" -Dload.delivery-threads="${LOAD_DELIVERY_THREADS:-10}" \
  -Dload.hapi-bundles="${LOAD_HAPI_BUNDLES:-200}" -Dload.ehr-validate="${LOAD_EHR_VALIDATE:-false}" -Dload.schema="$schema" -Dload.work="$work" \
  -Dload.pids-file="$pids" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  org.example.loadtest.ApiLoadRun &
main=$!
wait "$main"
