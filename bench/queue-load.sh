#!/usr/bin/env bash
# The clinicians' queue load run (issue 8; what it measures and how: org.example.loadtest.QueueLoadRun):
# Keycloak, the EHR sandbox and the application under test (demo-host's test LoadTestHostApplication: the
# web-form plugin) each in a process of its own on loopback, the store in a throwaway PostgreSQL schema of
# 127.0.0.1:5432/test; a second process (org.example.loadtest.QueueLoadRun) fills the store to 100,000
# submissions (120 real intakes through the API, copied by SQL under new ids), prints the EXPLAIN ANALYZE of
# the queue's queries, then measures
#   A. the queue's pages, API (GET /api/queue, bearer token) and HTML (GET /clinician, session of a real Keycloak
#      login): first page, a deep page, filtered first pages; median, p90, p99 per endpoint;
#   B. an EMERGENCY reaching an open /clinician page in headless Chromium: submit-to-row latency of 100 paced
#      submissions and of a burst; median, p90, p99, max.
#
#   bench/queue-load.sh [ROWS] [REQUESTS]      defaults: 100000 stored submissions, 200 measured requests per endpoint
#
# Environment: LOAD_SEEDS (120 real intakes), LOAD_WARMUP (20 per endpoint), LOAD_DEEP_PAGE (1000),
# LOAD_EMERGENCIES (100), LOAD_BURST (30), LOAD_REVIEW_AFTER_MS (1500), LOAD_EHR_VALIDATE (false),
# LOAD_TIMEOUT (600 s for the run after the build), LOAD_SKIP_BUILD=1 (reuse the last build), LOAD_ONLINE=1 (let
# Maven go online; offline by default). Builds with the reactor (package, never install); needs Debian's chromium
# and chromium-driver (apt-get install -y chromium chromium-driver). On exit stops every process it started and
# drops its schema, also on failure or Ctrl-C.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
work="$root/demo-host/target/queue-load"
mkdir -p "$work"
cd "$root"

for executable in /usr/bin/chromium /usr/bin/chromedriver; do
  [[ -x "$executable" ]] || { echo "queue-load: $executable is missing: apt-get install -y chromium chromium-driver" >&2; exit 2; }
done

if [[ "${LOAD_SKIP_BUILD:-}" != 1 || ! -f demo-host/target/test-classpath.txt || ! -f ehr-sandbox/target/ehr-sandbox.jar ]]; then
  offline=(-o)
  [[ "${LOAD_ONLINE:-}" == 1 ]] && offline=()
  echo "queue-load: building demo-host and the EHR sandbox (reactor package, no install)..." >&2
  ./mvnw -B -q "${offline[@]}" -DskipTests -pl demo-host,ehr-sandbox -am package dependency:build-classpath \
    -DincludeScope=test -Dmdep.outputFile=target/test-classpath.txt >"$work/build.log" 2>&1 \
    || { tail -40 "$work/build.log" >&2; exit 2; }
fi

schema="queueload_$(date +%s)_$$"
pids="$work/pids"
: >"$pids"
main=""
cleanup() {
  status=$?
  trap - EXIT INT TERM
  if [[ -n "$main" ]] && kill -0 "$main" 2>/dev/null; then
    kill -TERM "$main" 2>/dev/null || true # its shutdown hook stops the browser, the app, the sandbox and Keycloak
    for _ in $(seq 1 60); do kill -0 "$main" 2>/dev/null || break; sleep 1; done
    kill -KILL "$main" 2>/dev/null || true
  fi
  while read -r pid; do # what the load process started, should it have died without stopping them
    if [[ -n "$pid" ]] && grep -qaE "ehr-sandbox.jar|LoadTestHostApplication|chromedriver|chromium" "/proc/$pid/cmdline" 2>/dev/null; then
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
  -Dload.rows="${1:-100000}" -Dload.requests="${2:-200}" -Dload.seeds="${LOAD_SEEDS:-120}" \
  -Dload.warmup="${LOAD_WARMUP:-20}" -Dload.deep-page="${LOAD_DEEP_PAGE:-1000}" \
  -Dload.emergencies="${LOAD_EMERGENCIES:-100}" -Dload.burst="${LOAD_BURST:-30}" \
  -Dload.review-after-ms="${LOAD_REVIEW_AFTER_MS:-1500}" -Dload.ehr-validate="${LOAD_EHR_VALIDATE:-false}" \
  -Dload.schema="$schema" -Dload.work="$work" -Dload.pids-file="$pids" \
  org.example.loadtest.QueueLoadRun &
main=$!
wait "$main"
