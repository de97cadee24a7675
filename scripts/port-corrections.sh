#!/bin/sh
# Regenerates the shipped port list's corrections (inland sea-ports points moved to their World Port
# Index harbours) from the NGA World Port Index CSV, so the committed table can be checked:
#   core/src/main/resources/org/watchkeeper/core/ref/sea-ports-corrections.tsv
# The rule is in core/src/test/java/org/watchkeeper/core/ref/port/SeaPortCorrectionsBuilder.java; the
# test SeaPortCorrectionsTest runs it and, given -Dwatchkeeper.writePortCorrections=PATH, writes the
# table there (without it, the same test fails when the committed table differs from what it makes).
#   usage: scripts/port-corrections.sh [extra Maven arguments, e.g. -o]
# Reads $WATCHKEEPER_SHARED/data/geo/wpi/UpdatedPub150.csv.gz (default ../shared beside the repository).
set -eu
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
SHARED="${WATCHKEEPER_SHARED:-$ROOT/../shared}"
WPI="$SHARED/data/geo/wpi/UpdatedPub150.csv.gz"
if [ ! -f "$WPI" ]; then
  echo "port-corrections: no World Port Index at $WPI (set WATCHKEEPER_SHARED)" >&2
  exit 2
fi
TABLE="$ROOT/core/src/main/resources/org/watchkeeper/core/ref/sea-ports-corrections.tsv"
./mvnw -q "$@" -pl core -am test -DskipWebTests \
  -Dtest='SeaPortCorrectionsTest#shippedTableIsWhatTheRuleMakesFromTheWorldPortIndex' \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Dwatchkeeper.shared="$SHARED" -Dwatchkeeper.writePortCorrections="$TABLE"
echo "port-corrections: wrote $TABLE ($(grep -c -v '^#' "$TABLE") lines with the header); git diff shows any change"
