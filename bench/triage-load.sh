#!/usr/bin/env bash
# Load run of `./intake triage` against the two baselines, all on the same file in one run:
# generates COUNT QuestionnaireResponses mixing all three questionnaire versions (1.0.0, 1.1.0,
# 1.2.0, a third each; about 3% refused as real input has them: an unanswered required question,
# an answer out of range, an unknown code, a status other than completed, an unknown version, a
# number sent as a string, a line cut short), NDJSON, deterministic from SEED, under target/bench/
# (generator: MixedIntakes in the fhir-adapter tests). Then, REPEATS times in turn, it measures the
# wall time of three whole processes, JVM start included, as a user runs them:
#
#   triage   ./intake triage FILE > output (the real launcher and command)
#   jackson  every line read into a Jackson tree (ObjectMapper.readTree) on all cores
#   hapi     every line parsed by HAPI's JSON parser on all cores
#
# (the baselines: ParseBaselines in the fhir-adapter tests, one reader thread handing batches of
# lines to one worker per core), and prints each one's median, the ratios of the medians, the
# load average, and the triage's exit status, line count and peak RSS.
#
#   bench/triage-load.sh [COUNT] [SEED] [REPEATS] [REFUSED_PER_MILLE]   defaults: 100000 42 5 30
#
# (REFUSED_PER_MILLE 0: valid responses only, the same mix of versions and answers otherwise.)
#
# Goal (README.md): triage in no more time than the Jackson tree, on 2 cores, peak RSS < 512 MB.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
count="${1:-100000}"
seed="${2:-42}"
repeats="${3:-5}"
refused_per_mille="${4:-30}"
work="$root/target/bench"
input="$work/intakes-$count-$seed-mixed$([[ "$refused_per_mille" == 30 ]] || echo "-refused$refused_per_mille").ndjson" # a new mix, a new name
output="$work/triage-$count.ndjson"
mkdir -p "$work"
cd "$root"

echo "bench: building the generator and the baselines..." >&2
./mvnw -B -q -DskipTests -pl fhir-adapter -am test-compile dependency:build-classpath \
  -DincludeScope=test -Dmdep.outputFile="$work/test-classpath" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 2; }
test_classpath="$root/fhir-adapter/target/test-classes:$root/fhir-adapter/target/classes:$(cat "$work/test-classpath")"
if [[ ! -s "$input" ]]; then
  echo "bench: writing $count intakes to $input..." >&2
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$test_classpath" \
    org.example.intake.fhir.MixedIntakes "$count" "$seed" "$input.tmp" "$refused_per_mille"
  mv "$input.tmp" "$input"
fi

./intake --help >/dev/null # builds the launcher's classpath and its class-data archive now, outside the measurement

# seconds NAME COMMAND...: runs it with stdout to $work/NAME.out, appends its wall seconds to $work/NAME.times
seconds() {
  local name="$1" start end status=0
  shift
  start=$(date +%s%N)
  "$@" >"$work/$name.out" || status=$?
  end=$(date +%s%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", (e - s) / 1e9 }' >>"$work/$name.times"
  return "$status"
}

median() {
  sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

rm -f "$work"/{triage,jackson,hapi}.times "$work/rss.kb"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: $(basename "$input") ($(du -m "$input" | cut -f1) MB, $(nproc) cores), $repeats rounds of triage, jackson, hapi..." >&2
status=0
for ((round = 1; round <= repeats; round++)); do
  status=0
  seconds triage /usr/bin/time -f "%M" -o "$work/rss.one" ./intake triage "$input" || status=$?
  cp "$work/triage.out" "$output"
  cat "$work/rss.one" >>"$work/rss.kb"
  seconds jackson java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$test_classpath" \
    org.example.intake.fhir.ParseBaselines jackson "$input"
  seconds hapi java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$test_classpath" \
    org.example.intake.fhir.ParseBaselines hapi "$input"
  echo "bench: round $round: triage $(tail -n 1 "$work/triage.times") s, jackson $(tail -n 1 "$work/jackson.times") s," \
    "hapi $(tail -n 1 "$work/hapi.times") s" >&2
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

lines=$(wc -l <"$output")
refused=$(grep -c '"error":' "$output" || true)
triage=$(median "$work/triage.times")
jackson=$(median "$work/jackson.times")
hapi=$(median "$work/hapi.times")
rss_mb=$(sort -n "$work/rss.kb" | tail -n 1 | awk '{ printf "%d", $1 / 1024 }')

echo "input:          $count responses to 1.0.0, 1.1.0 and 1.2.0, $(du -m "$input" | cut -f1) MB; $(nproc) cores"
echo "load average:   $load_before before, $load_after after"
echo "triage:         exit $status, $lines lines, $refused refused; peak RSS $rss_mb MB"
echo "medians of $repeats (wall, whole process, JVM start included):"
echo "  ./intake triage           $triage s   ($(awk -v n="$count" -v t="$triage" 'BEGIN { printf "%.0f", n / t }') responses/s)"
echo "  Jackson tree, all cores   $jackson s"
echo "  HAPI's parse, all cores   $hapi s"
echo "  triage / Jackson tree     $(awk -v a="$triage" -v b="$jackson" 'BEGIN { printf "%.2f", a / b }')   (goal: at most 1.00)"
echo "  triage / HAPI's parse     $(awk -v a="$triage" -v b="$hapi" 'BEGIN { printf "%.2f", a / b }')"
echo "  $(head -c 300 "$work/jackson.out"); $(head -c 300 "$work/hapi.out")"
if [[ "$lines" -ne "$count" ]]; then
  echo "bench: expected $count lines, got $lines" >&2
  exit 1
fi
