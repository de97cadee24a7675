#!/usr/bin/env bash
# Whole-process comparison of AIS decoders on the same file, in the same run:
#   gpsd's gpsdecode (C, JSON output by default), libais (C++ via Python, small driver below),
#   and watchkeeper (app/bin/watchkeeper decode FILE, the launcher users run, JSON and CSV with the
#   default number of decoding threads, half the processors; and JSON with one thread per processor).
#
# Usage: bench/compare-decoders.sh [LINES]        (default 10000000 lines)
# Environment: OUT_DIR (default bench/target/compare), RUNS (timed runs per tool, default 1;
#   the best wall time is reported), JAVA_OPTS (passed to the watchkeeper JVM),
#   WATCHKEEPER_SHARED (the shared/ folder; default ../shared beside the repository).
#
# Corpus: every real log of shared/data/ais concatenated (".gz" decompressed) = mixed.nmea, then
# repeated (whole lines) to LINES lines = mixed-LINES.nmea. Both are generated, never committed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
lines="${1:-10000000}"
out="${OUT_DIR:-$repo/bench/target/compare}"
runs="${RUNS:-1}"
mkdir -p "$out"
cd "$repo"

# ---- tools (Debian packages; installed only when missing) ----------------------------------
need_update=1
apt_install() {
  if [ "$need_update" = 1 ]; then apt-get update -qq; need_update=0; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v gpsdecode >/dev/null || apt_install gpsd-clients
# run from a neutral folder: the repository's own "ais/" directory would shadow the module
(cd / && /usr/bin/python3 -c 'import ais' 2>/dev/null) || apt_install python3-ais
[ -x /usr/bin/time ] || apt_install time

# ---- jars and corpus --------------------------------------------------------------------------
if [ ! -f app/target/watchkeeper.jar ] || [ ! -f bench/target/benchmarks.jar ]; then
  ./mvnw -q -pl app,bench -am package -Dmaven.test.skip=true
fi
big="$out/mixed-$lines.nmea"
small="$out/mixed.nmea"
if [ ! -f "$big" ] || [ ! -f "$small" ]; then
  shared_opt=()
  [ -n "${WATCHKEEPER_SHARED:-}" ] && shared_opt=("-Dwatchkeeper.shared=$WATCHKEEPER_SHARED")
  java "${shared_opt[@]}" -cp bench/target/benchmarks.jar org.watchkeeper.bench.CorpusBuilder "$out" "$lines"
fi

# ---- libais driver ----------------------------------------------------------------------------
# Reads NMEA lines from stdin; for each VDM/VDO sentence (tag block, prefix and suffix ignored)
# assembles multi-sentence messages per (sequence id, channel), decodes with ais.decode(payload,
# fill) and writes one json.dumps line per message. Checksums are NOT verified (less work than
# the other two tools do). Prints "messages N errors E" to stderr at the end.
driver="$out/libais_driver.py"
cat > "$driver" <<'PY'
import sys, json
import ais

def main():
    out = sys.stdout
    pending = {}
    messages = errors = 0
    decode = ais.decode
    dumps = json.dumps
    for raw in sys.stdin.buffer:
        i = raw.find(b'VDM,')
        if i < 0:
            i = raw.find(b'VDO,')
            if i < 0:
                continue
        star = raw.find(b'*', i)
        f = raw[i + 4:star if star > 0 else len(raw)].split(b',')
        if len(f) < 6:
            errors += 1
            continue
        try:
            total = int(f[0]); num = int(f[1]); fill = int(f[5][:1] or b'0')
        except ValueError:
            errors += 1
            continue
        payload = f[4]
        if total > 1:
            key = (f[2], f[3])
            if num == 1:
                pending[key] = [payload]
                continue
            parts = pending.get(key)
            if parts is None or len(parts) != num - 1:
                pending.pop(key, None)
                errors += 1
                continue
            parts.append(payload)
            if num < total:
                continue
            del pending[key]
            payload = b''.join(parts)
        try:
            msg = decode(payload.decode('ascii'), fill)
        except Exception:
            errors += 1
            continue
        messages += 1
        out.write(dumps(msg, default=str))
        out.write('\n')
    out.flush()
    print('messages %d errors %d' % (messages, errors), file=sys.stderr)

main()
PY

# ---- timing -----------------------------------------------------------------------------------
ais_sentences() { grep -c -E '[!$].{2}VD[MO],' "$1" || true; }
n_lines=$(wc -l < "$big")
n_ais=$(ais_sentences "$big")
jar=app/target/watchkeeper.jar
java_opts=(${JAVA_OPTS:-})

declare -A wall rss cnt cpu
declare -A load
tools=(gpsdecode libais watchkeeper-json watchkeeper-csv watchkeeper-json-nt)
cmd_for() { # $1 tool, $2 file -> runs the tool with stdout to stdout
  case "$1" in
    gpsdecode) gpsdecode < "$2" ;;
    libais) (cd / && /usr/bin/python3 -I "$driver" < "$2") ;;
    watchkeeper-json) WATCHKEEPER_JAR="$jar" JAVA_OPTS="${java_opts[*]}" app/bin/watchkeeper decode "$2" --format json --quiet ;;
    watchkeeper-csv) WATCHKEEPER_JAR="$jar" JAVA_OPTS="${java_opts[*]}" app/bin/watchkeeper decode "$2" --format csv --quiet ;;
    watchkeeper-json-nt) WATCHKEEPER_JAR="$jar" JAVA_OPTS="${java_opts[*]}" app/bin/watchkeeper decode "$2" --format json --quiet --threads "$(nproc)" ;;
  esac
}
export -f cmd_for
export driver jar

for t in "${tools[@]}"; do
  best=""
  for ((r = 1; r <= runs; r++)); do
    tv="$out/time-$t.txt"
    l=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -v -o "$tv" bash -c "$(declare -p java_opts); cmd_for $t '$big'" > /dev/null 2> "$out/stderr-$t.txt"
    w=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tv")
    m=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
    c=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$tv")
    echo "  $t run $r: ${w}s wall, ${c}s CPU (user+sys), peak RSS ${m} KiB, load average $l before" >&2
    if [ -z "$best" ] || awk "BEGIN{exit !($w < $best)}"; then best=$w; rss[$t]=$m; cpu[$t]=$c; load[$t]=$l; fi
  done
  wall[$t]=$best
done

# message counts on the single (not repeated) corpus: each tool's output lines
for t in "${tools[@]}"; do
  c=$(bash -c "$(declare -p java_opts); cmd_for $t '$small'" 2>/dev/null | wc -l)
  [ "$t" = watchkeeper-csv ] && c=$((c - 1)) # header row
  cnt[$t]=$c
done

# ---- report -----------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)   host: $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "load average before report: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "file: $big  ($n_lines lines, $n_ais AIS sentences, $(stat -L -c %s "$big") bytes)"
  echo "counts from $small ($(wc -l < "$small") lines, $(ais_sentences "$small") AIS sentences)"
  echo
  printf '%-20s %8s %8s %12s %12s %9s %13s %8s %8s %6s\n' tool "wall s" "CPU s" "AIS sent/s" "sent/CPU-s" "peak MiB" "msgs (1 copy)" "x wall" "x CPU" "load"
  for t in "${tools[@]}"; do
    awk -v t="$t" -v w="${wall[$t]}" -v c="${cpu[$t]}" -v a="$n_ais" -v m="${rss[$t]}" -v n="${cnt[$t]}" -v l="${load[$t]}" \
        -v wkw="${wall[watchkeeper-json]}" -v wkc="${cpu[watchkeeper-json]}" 'BEGIN {
      printf "%-20s %8.2f %8.2f %12.0f %12.0f %9.0f %13d %7.1fx %7.1fx %6s\n", t, w, c, a / w, a / c, m / 1024, n, w / wkw, c / wkc, l }'
  done
  echo
  echo "x wall / x CPU = this tool's wall / CPU (user+sys, all threads) time divided by watchkeeper JSON's:"
  echo "how many times faster watchkeeper JSON is. On a shared machine the CPU column is the steadier one."
  echo "load = 1-minute load average just before the (best) run; wall ratios mean little when it is above the core count."
  echo "watchkeeper-json/-csv use the default decoding threads (half the processors, at least 1; with one, output is formatted on a second thread when there are 2+ processors); watchkeeper-json-nt uses --threads $(nproc)."
  echo "msgs = output lines on one copy of the corpus (decoded messages); gpsdecode logs its rejects to stderr."
  echo "libais stderr (1 copy): $(bash -c "cmd_for libais '$small'" 2>&1 >/dev/null | tail -1)"
} | tee "$out/report.txt"
