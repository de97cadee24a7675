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
set -euo pipefail
cd "$(dirname "$0")/.."
SMALL=${1:-1000}
LARGE=${2:-4000}
RUNS=${3:-2}
DAY=${DAY:-500000000}
ARGS=${ARGS:-}
JAR=app/target/watchkeeper.jar
. bench/analyze/inputs.sh
analyze_prerequisites analyze-marginal
IN_SMALL=$(analyze_input "$SMALL" 3000)
IN_LARGE=$(analyze_input "$LARGE" 3000)
NS=$(wc -l < "$IN_SMALL")
NL=$(wc -l < "$IN_LARGE")
echo "inputs: $NS and $NL sentences; $(nproc) cores; analyze --quiet --no-store $ARGS; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# one run: prints "wall cpu" (seconds)
one() {
  local t
  t=$(mktemp)
  # shellcheck disable=SC2086
  WATCHKEEPER_JAR="$JAR" /usr/bin/time -f "%e %U %S" -o "$t" app/bin/watchkeeper analyze --quiet --no-store $ARGS "$1" > /dev/null
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$t"
  rm -f "$t"
}

RESULTS=$(mktemp)
for i in $(seq "$RUNS"); do
  read -r ws cs < <(one "$IN_SMALL")
  read -r wl cl < <(one "$IN_LARGE")
  echo "$ws $cs $wl $cl" >> "$RESULTS"
  printf "run %d: %d copies %7.2f s wall (%7.2f s CPU), %d copies %7.2f s wall (%7.2f s CPU)\n" \
    "$i" "$SMALL" "$ws" "$cs" "$LARGE" "$wl" "$cl"
done
python3 - "$RESULTS" "$NS" "$NL" "$DAY" <<'PY'
import sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
ns, nl, day = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for i, (ws, cs, wl, cl) in enumerate(rows, 1):
    mw = (wl - ws) / (nl - ns)  # s per sentence
    mc = (cl - cs) / (nl - ns)
    if mw <= 0:
        print(f"run {i}: the larger input did not take longer ({ws:.2f} s against {wl:.2f} s): the inputs are too"
              " small or too close in size for the difference to rise above the noise; use larger ones (the defaults)")
        continue
    fixed = ws - mw * ns
    print(f"run {i}: marginal {mw * 1e9:5.0f} ns wall ({mc * 1e9:5.0f} ns CPU) per sentence = {1 / mw / 1e6:.2f} M sentences/s;"
          f" fixed part {fixed:5.1f} s; {day / 1e6:.0f} M sentences projected {(fixed + mw * day) / 60:5.1f} min"
          f" (whole-run rates {ns / ws / 1e6:.2f} and {nl / wl / 1e6:.2f} M/s)")
PY
rm -f "$RESULTS"
