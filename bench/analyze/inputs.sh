# Sourced by bench/analyze-bench.sh and bench/analyze-marginal.sh (from the repository root): what
# both need before timing `watchkeeper analyze` on inputs built by MakeAnalyzeInput.java.
#
#   analyze_input COPIES OFFSET_M   prints the input's path, generating it first when missing
#   analyze_prerequisites NAME      checks the DMA sample and /usr/bin/time, builds the jar if missing
#
# Inputs are /tmp/wk-analyze-bench-COPIES-oOFFSET_M.nmea (the offset in the name, so that an input
# of the other kind is never picked up), generated once and reused (rm /tmp/wk-analyze-bench-*
# frees the space); each is written under a .part name and renamed when complete, so an interrupted
# generation is never taken for an input.

ANALYZE_SAMPLE="${WATCHKEEPER_SHARED:-../shared}/data/ais/dma-aisabnormal/ais-sample.txt.gz"

analyze_prerequisites() {
  if [ ! -f "$ANALYZE_SAMPLE" ]; then
    echo "$1: $ANALYZE_SAMPLE not found (set WATCHKEEPER_SHARED to the shared folder)" >&2
    exit 2
  fi
  if [ ! -x /usr/bin/time ]; then
    echo "$1: /usr/bin/time not found (Debian package 'time')" >&2
    exit 2
  fi
  [ -f app/target/watchkeeper.jar ] || ./mvnw -q -DskipTests package
}

analyze_input() {
  local path="/tmp/wk-analyze-bench-$1-o$2.nmea"
  if [ ! -f "$path" ]; then
    java bench/analyze/MakeAnalyzeInput.java "$ANALYZE_SAMPLE" "$path.part" "$1" 8 "$2" >&2 || return 1
    mv "$path.part" "$path" || return 1
  fi
  echo "$path"
}
