#!/usr/bin/env bash
# Throughput of the whole `watchkeeper analyze` process on a large NMEA input built from the real
# logs (see bench/analyze/MakeAnalyzeInput.java): sentences per second end to end (JVM start,
# reading, decoding, tracking, report files, store), peak resident memory (/usr/bin/time -v), and
# the store's append rate. The input is generated in /tmp and never committed.
#
#   bench/analyze-bench.sh [COPIES]        default 200 copies of the DMA sample = 5.2 M sentences
#   OFFSET_M=0 bench/analyze-bench.sh      the older input (fleets on the same positions)
#   JAVA_OPTS='-XX:+UseG1GC' bench/analyze-bench.sh   JVM flags added after the launcher's analyze defaults
#
# The process is started by the launcher app/bin/watchkeeper (with $JAR), so its JVM settings for
# analyze (parallel collector, 600 MB young generation on machines with >= 6 GB) are measured; before
# the anacore branch the script ran `java -XX:+UseParallelGC -jar` directly.
#   RUNS='no-store-no-detect duckdb-no-detect' bench/analyze-bench.sh   only some of the runs below
#
# Runs: no store and no detectors; no store with the default detectors; DuckDB without detectors;
# PostgreSQL without detectors when it is reachable (scripts/postgres-start.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-200}
JAVA_OPTS=${JAVA_OPTS:-}
# Each fleet of the copies in its own waters, OFFSET_M metres from the others (MakeAnalyzeInput's
# default, 3000); OFFSET_M=0 builds the older input that put a twin on every still vessel.
OFFSET_M=${OFFSET_M:-3000}
OUT=/tmp/wk-analyze-bench-out
JAR=app/target/watchkeeper.jar
. bench/analyze/inputs.sh
analyze_prerequisites analyze-bench
IN=$(analyze_input "$COPIES" "$OFFSET_M")
SENTENCES=$(wc -l < "$IN")
rm -rf "$OUT"; mkdir -p "$OUT"
echo "input: $IN, $SENTENCES sentences, $(du -m "$IN" | cut -f1) MB; $(nproc) cores; launcher app/bin/watchkeeper, JAVA_OPTS: ${JAVA_OPTS:-none}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every figure below)"

run() {
  local label=$1; shift
  WATCHKEEPER_JAR="$JAR" JAVA_OPTS="$JAVA_OPTS" /usr/bin/time -v app/bin/watchkeeper analyze --quiet --report "$OUT/report-$label" "$@" "$IN" 2> "$OUT/time-$label.txt"
  local wall rss cpu
  wall=$(grep "Elapsed (wall clock)" "$OUT/time-$label.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep "Maximum resident" "$OUT/time-$label.txt" | awk '{print $NF}')
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$OUT/time-$label.txt")
  python3 - "$label" "$SENTENCES" "$wall" "$rss" "$OUT/report-$label/summary.json" "$cpu" <<'PY'
import json, sys
label, n, wall, rss, summary, cpu = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5], float(sys.argv[6])
s = json.load(open(summary))
ph = s.get('phases_elapsed_seconds', {})
line = f"{label:<20} {wall:6.2f} s wall ({cpu:6.2f} s CPU)  {n / wall / 1e6:5.2f} M sentences/s  peak RSS {rss / 1024:5.0f} MB"
line += f"  [input done {ph.get('read_decode_track_s', 0):.1f} s, tracks written {ph.get('close_segments_write_tracks_s', 0):.1f} s]"
line += f"  positions {s['positions']['accepted']}  segments {s['segments']}  events {s['events']['total']}"
st = s.get('store')
if st:
    line += f"  store: {st['positions_appended']} rows in {st['write_seconds']:.2f} s of appends = {st['positions_appended'] / max(st['write_seconds'], 1e-9) / 1e6:.2f} M rows/s"
    line += f" ({st['positions_appended'] / wall / 1e6:.2f} M rows/s end to end)"
print(line)
PY
}

RUNS=${RUNS:-no-store-no-detect no-store-detect duckdb-no-detect postgres-no-detect}
want() { [[ " $RUNS " == *" $1 "* ]]; }
want no-store-no-detect && run no-store-no-detect --no-store --no-detect
want no-store-detect && run no-store-detect --no-store
want duckdb-no-detect && run duckdb-no-detect --no-detect --data "$OUT/data"
if want postgres-no-detect && pg_isready -q -h localhost -p 5432 2>/dev/null; then
  run postgres-no-detect --no-detect --store postgres --pg-schema wk_bench_analyze
  PGPASSWORD=${WATCHKEEPER_PG_PASSWORD:-watchkeeper} psql -q -h localhost -U "${WATCHKEEPER_PG_USER:-watchkeeper}" -d watchkeeper \
    -c "DROP SCHEMA IF EXISTS wk_bench_analyze CASCADE" >/dev/null 2>&1 || true
fi
