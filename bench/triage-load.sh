#!/usr/bin/env bash
# Load run of `./intake triage`: generates COUNT varied valid QuestionnaireResponses (about
# 3.1 KB each, NDJSON, deterministic from SEED) under target/bench/, triages them with the
# real launcher under /usr/bin/time -v, and prints QRs/s (COUNT / wall seconds of the whole
# process, JVM start included) and peak RSS.
#
#   bench/triage-load.sh [COUNT] [SEED]        defaults: 100000 42
#
# Goal (README.md): >= 20,000 QRs/s and peak RSS < 512 MB on 2 cores.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
count="${1:-100000}"
seed="${2:-42}"
work="$root/target/bench"
input="$work/intakes-$count-$seed-q1.2.0.ndjson" # responses to questionnaire 1.2.0 (a new version, a new file)
output="$work/triage-$count.ndjson"
mkdir -p "$work"
cd "$root"

if [[ ! -s "$input" ]]; then
  echo "bench: building the generator..." >&2
  ./mvnw -B -q -DskipTests -pl fhir-adapter -am test-compile dependency:build-classpath \
    -DincludeScope=test -Dmdep.outputFile="$work/test-classpath" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; exit 2; }
  echo "bench: writing $count intakes to $input..." >&2
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$root/fhir-adapter/target/test-classes:$root/fhir-adapter/target/classes:$(cat "$work/test-classpath")" \
    org.example.intake.fhir.SampleIntakes "$count" "$seed" "$input.tmp"
  mv "$input.tmp" "$input"
fi

./intake --help >/dev/null # builds the launcher's classpath now, outside the measurement

echo "bench: ./intake triage $(basename "$input") ($(du -m "$input" | cut -f1) MB)..." >&2
start=$(date +%s%N)
status=0
/usr/bin/time -v -o "$work/time.txt" ./intake triage "$input" >"$output" || status=$?
end=$(date +%s%N)

lines=$(wc -l <"$output")
refused=$(grep -c '"error":' "$output" || true)
wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", (e - s) / 1e9 }')
rate=$(awk -v n="$count" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / ((e - s) / 1e9) }')
rss_kb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$work/time.txt")
cpu=$(awk -F: '/Percent of CPU/ { gsub(/ /, "", $2); print $2 }' "$work/time.txt")

echo "exit status:  $status (lines: $lines, refused: $refused)"
echo "wall time:    $wall s ($cpu CPU, $(nproc) cores)"
echo "throughput:   $rate QRs/s"
echo "peak RSS:     $((rss_kb / 1024)) MB"
if [[ "$lines" -ne "$count" ]]; then
  echo "bench: expected $count lines, got $lines" >&2
  exit 1
fi
