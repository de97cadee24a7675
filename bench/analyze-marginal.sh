#!/usr/bin/env bash
# The steady rate of `watchkeeper analyze` with the default detectors, and what it makes of a global
# day (issue 4's target: ~500 M sentences in under 5 minutes, 1.7 M sentences/s on 2 cores).
#
# A run of N sentences costs a fixed part (JVM start, reference data, compiling the hot code, closing
# and writing the report) plus a part per sentence; one input alone cannot tell them apart, and on the
# inputs a benchmark can hold in /tmp the fixed part is a large share. This script times the same
# command on two inputs of SMALL and LARGE copies of the DMA sample (bench/analyze/MakeAnalyzeInput.java:
# copies follow each other in time, 8 fleets, so the number of vessels stays the same and the larger
# input is simply a longer period), alternated RUNS times, and reports
#
#   marginal ns per sentence = (wall(LARGE) - wall(SMALL)) / (sentences(LARGE) - sentences(SMALL))
#
# (and the same for process CPU), the steady rate it gives, and the time it projects for DAY sentences
# (fixed part + DAY x marginal). The inputs are generated in /tmp (2 GB and 8 GB with the defaults) and
# never committed; the host's speed drifts, so compare figures within one run of this script only.
#
#   bench/analyze-marginal.sh [SMALL_COPIES [LARGE_COPIES [RUNS]]]   defaults 1000 4000 2 (26.1 M, 104.6 M)
#   (a copy is 26 146 sentences; below some 200 copies the difference drowns in the fixed part's noise)
#   DAY=500000000 ARGS='--no-detect' bench/analyze-marginal.sh          other analyze options, day size
#   JARS='/tmp/before.jar /tmp/after.jar' bench/analyze-marginal.sh     builds compared: each run times
#       every jar on the small input, then every jar on the large one (the order of the jars reversed
#       in every other run), so that the host's drift falls on all of them alike
#
# Besides wall and process CPU (user + system) per run, the marginal is also given from summary.json's
# elapsed_seconds (the analysis itself, without the JVM's start), less disturbed by what else the host
# runs while a JVM starts.
set -euo pipefail
cd "$(dirname "$0")/.."
SMALL=${1:-1000}
LARGE=${2:-4000}
RUNS=${3:-2}
DAY=${DAY:-500000000}
ARGS=${ARGS:-}
JARS=${JARS:-app/target/watchkeeper.jar}
. bench/analyze/inputs.sh
analyze_prerequisites analyze-marginal
IN_SMALL=$(analyze_input "$SMALL" 3000)
IN_LARGE=$(analyze_input "$LARGE" 3000)
NS=$(wc -l < "$IN_SMALL")
NL=$(wc -l < "$IN_LARGE")
echo "inputs: $NS and $NL sentences; $(nproc) cores; analyze --quiet --no-store $ARGS; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# one run: prints "wall cpu elapsed" (seconds; elapsed from summary.json)
one() {
  local t r
  t=$(mktemp)
  r=$(mktemp -d)
  # shellcheck disable=SC2086
  WATCHKEEPER_JAR="$1" /usr/bin/time -f "%e %U %S" -o "$t" app/bin/watchkeeper analyze --quiet --no-store --report "$r" $ARGS "$2" > /dev/null
  awk '{printf "%.2f %.2f ", $1, $2 + $3}' "$t"
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["elapsed_seconds"])' "$r/summary.json"
  rm -rf "$t" "$r"
}

read -r -a JAR_LIST <<< "$JARS"
for j in "${JAR_LIST[@]}"; do
  [ -f "$j" ] || { echo "analyze-marginal: $j not found" >&2; exit 2; }
done
RESULTS=$(mktemp)
for i in $(seq "$RUNS"); do
  order=("${JAR_LIST[@]}")
  if [ $((i % 2)) = 0 ]; then
    order=()
    for ((k = ${#JAR_LIST[@]} - 1; k >= 0; k--)); do order+=("${JAR_LIST[k]}"); done
  fi
  declare -A small=()
  for j in "${order[@]}"; do
    small[$j]=$(one "$j" "$IN_SMALL")
  done
  for j in "${order[@]}"; do
    read -r ws cs es <<< "${small[$j]}"
    read -r wl cl el < <(one "$j" "$IN_LARGE")
    echo "$j $ws $cs $es $wl $cl $el" >> "$RESULTS"
    printf "run %d %s (load %s): %d copies %7.2f s wall (%7.2f s CPU, %7.2f s elapsed), %d copies %7.2f s wall (%7.2f s CPU, %7.2f s elapsed)\n" \
      "$i" "$j" "$(cut -d' ' -f1 /proc/loadavg)" "$SMALL" "$ws" "$cs" "$es" "$LARGE" "$wl" "$cl" "$el"
  done
  unset small
done
python3 - "$RESULTS" "$NS" "$NL" "$DAY" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
ns, nl, day = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for i, row in enumerate(rows, 1):
    jar = row[0]
    ws, cs, es, wl, cl, el = map(float, row[1:])
    mw = (wl - ws) / (nl - ns)  # s per sentence
    mc = (cl - cs) / (nl - ns)
    me = (el - es) / (nl - ns)
    if mw <= 0:
        print(f"{jar}: the larger input did not take longer ({ws:.2f} s against {wl:.2f} s): the inputs are too"
              " small or too close in size for the difference to rise above the noise; use larger ones (the defaults)")
        continue
    fixed = ws - mw * ns
    print(f"{jar}: marginal {mw * 1e9:5.0f} ns wall ({mc * 1e9:5.0f} ns CPU, {me * 1e9:5.0f} ns elapsed) per sentence"
          f" = {1 / mw / 1e6:.2f} M sentences/s ({1 / me / 1e6:.2f} by elapsed); fixed part {fixed:5.1f} s;"
          f" {day / 1e6:.0f} M sentences projected {(fixed + mw * day) / 60:5.1f} min"
          f" (whole-run rates {ns / ws / 1e6:.2f} and {nl / wl / 1e6:.2f} M/s)")
PY
rm -f "$RESULTS"
