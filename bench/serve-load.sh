#!/usr/bin/env bash
# Load benchmark of `watchkeeper serve` (see bench/src/main/java/org/watchkeeper/bench/LoadSender.java):
# a sender on loopback pushes real AIS sentences from the shared logs into a tcp-listen source at a
# sustained rate, with planted watchlisted vessels whose first position fires a watchlist event at
# once; it measures the latency from planted sentence sent to its event on the SSE stream
# (p50/p95/p99/max), samples the server's RSS and heap, and compares the lines the server counted
# with the lines sent. After the run the server is stopped (SIGTERM: it stores what it holds) and the
# stored positions are compared with the accepted positions the vessel rows count.
#
#   bench/serve-load.sh [SECONDS] [RATE]      default 180 s at 20000 sentences/s
#   JAVA_OPTS='-Xmx2g' bench/serve-load.sh    JVM flags of the server (default -Xmx1g), after the
#                                             launcher's (app/bin/watchkeeper) settings for serve
#   SERVE_ARGS='--lateness-ms 0'              extra serve options (default none: serve's defaults)
#   WARMUP=60 (seconds of the same load before the measured run, then a wait until the server has
#   caught up; not counted in the figures)
#   PLANTS=10 (planted reports per second); the server's bootstrap admin token is generated per run
#   and sent as 'Authorization: Bearer ...' by the sender
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-180}
RATE=${2:-20000}
PLANTS=${PLANTS:-10}
WARMUP=${WARMUP:-0}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
SERVE_ARGS=${SERVE_ARGS:-}
SHARED=${WATCHKEEPER_SHARED:-../shared}
HTTP_PORT=${HTTP_PORT:-18080}
TCP_PORT=${TCP_PORT:-15631}
WORK=${WORK:-/tmp/wk-serve-load}
JAR=app/target/watchkeeper.jar
BENCH=bench/target/benchmarks.jar
[ -f "$JAR" ] && [ -f "$BENCH" ] || ./mvnw -q -DskipTests package
rm -rf "$WORK"; mkdir -p "$WORK"
N=$((SECONDS_RUN * PLANTS))
java -cp "$BENCH" org.watchkeeper.bench.LoadSender watchlist "$WORK/watchlist.txt" "$N"

echo "machine: $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server JVM flags: app/bin/watchkeeper serve defaults, then $JAVA_OPTS; serve options: ${SERVE_ARGS:-(defaults)}; $SECONDS_RUN s at $RATE sentences/s, $PLANTS planted/s"
ADMIN_TOKEN="wk_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$ADMIN_TOKEN" > "$WORK/admin-token"; chmod 600 "$WORK/admin-token"
# the user's launcher (its JVM settings for serve), JAVA_OPTS after them
# shellcheck disable=SC2086
WATCHKEEPER_JAR="$JAR" JAVA_OPTS="$JAVA_OPTS" app/bin/watchkeeper serve --admin-token-file "$WORK/admin-token" --port "$HTTP_PORT" --data "$WORK/data" \
    --source "bench=tcp-listen://127.0.0.1:$TCP_PORT" --watchlist "$WORK/watchlist.txt" $SERVE_ARGS > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "serving at" "$WORK/server.log" && break
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 0.5
done
HEADER_ARGS=("header=Authorization:Bearer $ADMIN_TOKEN")
java -cp "$BENCH" org.watchkeeper.bench.LoadSender run "tcp=127.0.0.1:$TCP_PORT" "http=http://127.0.0.1:$HTTP_PORT/" \
    "rate=$RATE" "duration=$SECONDS_RUN" "plants=$PLANTS" "pid=$SERVER" "shared=$SHARED" "source=bench" \
    "warmup=$WARMUP" "out=$WORK/result.json" "${HEADER_ARGS[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); server CPU time: $(ps -o cputime= -p $SERVER)"
echo "server CPU seconds by thread (digits in names folded):"
ps -L -o tid=,time=,comm= -p $SERVER | awk -v pid=$SERVER '$1 != pid { split($2, t, "[-:]"); n = length(t);
    s = t[n] + 60 * t[n-1] + 3600 * t[n-2] + (n > 3 ? 86400 * t[1] : 0); name = $3; for (i = 4; i <= NF; i++) name = name " " $i;
    gsub(/[0-9]+/, "#", name); c[name] += s } END { for (k in c) if (c[k] > 0) printf "  %6d  %s\n", c[k], k }' | sort -rn | head -12
kill -TERM $SERVER
wait $SERVER || true
trap - EXIT
java -cp "$BENCH" org.watchkeeper.bench.LoadSender store "$WORK/data"
echo "result: $WORK/result.json"
