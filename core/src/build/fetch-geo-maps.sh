#!/bin/sh
# Fetches the territorial-sea polygons shipped inside Watchkeeper from the npm registry at build
# time (the product runs air-gapped, so the data must be inside the jar) and stores them gzipped
# under target/classes; the zone index loads them lazily, only when territorial seas are asked for.
# Called by core/pom.xml in the generate-resources phase.
#   $1 = the module's target directory
# Package: @geo-maps/countries-maritime-10m@0.6.0 (package code MIT; data (c) OpenStreetMap
# contributors, ODbL 1.0 — see NOTICE.md). 250 features, property A3 (ISO 3166-1 alpha-3), each
# the country's land plus its territorial sea as mapped in OpenStreetMap. 38 MB raw, 11.7 MB gzipped.
set -eu
. "$(dirname "$0")/npm-fetch.sh"
TARGET="$1"
PKG="@geo-maps/countries-maritime-10m@0.6.0"
SHA1="edc11583b93fb54a20975fdab18d301a3c28337d"
OUT="$TARGET/classes/org/watchkeeper/core/ref/geo-maps"
if [ -f "$OUT/countries-maritime-10m.geo.json.gz" ]; then
  exit 0
fi
WORK="$TARGET/npm-geo-maps"
npm_fetch "$PKG" "$SHA1" "$WORK" "geo-maps-countries-maritime-10m-0.6.0.tgz" "the territorial seas" package/map.geo.json package/LICENSE
mkdir -p "$OUT"
cp "$WORK/package/LICENSE" "$OUT/LICENSE-geo-maps"
gzip -c -6 "$WORK/package/map.geo.json" > "$OUT/countries-maritime-10m.geo.json.gz.tmp"
mv "$OUT/countries-maritime-10m.geo.json.gz.tmp" "$OUT/countries-maritime-10m.geo.json.gz"
rm -rf "$WORK/package"
