#!/usr/bin/env bash
# The re-triage load run (README.md, "Re-triage when the rule set changes"): stores ROWS submissions triaged
# under rule set 1.1.0 in a throwaway PostgreSQL schema of 127.0.0.1:5432/test (COPY of a handful of distinct
# QuestionnaireResponses), then measures in one JVM (web-form's test org.example.intake.web.retriage.RetriageLoadRun):
#   - the baseline: reading the rows by id in batches and parsing their JSON (HAPI), nothing else;
#   - the same plus fhir-adapter's reader (parse and validate) and intake-core's triage, no write;
#   - the re-triage as a start runs it (the application started with it on): how long the start took (it does
#     not wait), and the re-triage's time and rate (row locks, verdicts, audit records, delivery jobs);
# and prints submissions per second and their ratio (also in web-form/target/retriage-load.txt).
#
#   bench/retriage-load.sh [ROWS] [BATCH]      defaults: 100000 stored submissions, 200 per transaction
#
# Builds with the reactor (test, never install), offline unless LOAD_ONLINE=1. The schema is dropped at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
offline="-o"
[[ "${LOAD_ONLINE:-0}" == "1" ]] && offline=""
./mvnw -B -q $offline -pl web-form -am test -Dtest=RetriageLoadRun -Dsurefire.failIfNoSpecifiedTests=false \
  -Dretriage.rows="${1:-100000}" -Dretriage.batch="${2:-200}" >"$root/web-form/target/retriage-load.log" 2>&1 \
  || { tail -60 "$root/web-form/target/retriage-load.log" >&2; exit 2; }
cat "$root/web-form/target/retriage-load.txt"
