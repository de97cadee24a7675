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
TARGET="$1"
PKG="@geo-maps/countries-maritime-10m@0.6.0"
SHA1="edc11583b93fb54a20975fdab18d301a3c28337d"   # shasum npm reports for countries-maritime-10m-0.6.0.tgz
OUT="$TARGET/classes/org/watchkeeper/core/ref/geo-maps"
if [ -f "$OUT/countries-maritime-10m.geo.json.gz" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: npm was not found on the PATH. The core module needs npm at build time to fetch" >&2
  echo "ERROR: the territorial seas ($PKG from the npm registry). Install Node.js/npm and build again." >&2
  exit 1
fi
WORK="$TARGET/npm-geo-maps"
mkdir -p "$WORK" "$OUT"
( cd "$WORK" && npm pack "$PKG" --silent >/dev/null )
TGZ="$WORK/geo-maps-countries-maritime-10m-0.6.0.tgz"
if command -v sha1sum >/dev/null 2>&1; then
  GOT=$(sha1sum "$TGZ" | cut -d' ' -f1)
  if [ "$GOT" != "$SHA1" ]; then
    echo "ERROR: $TGZ has SHA-1 $GOT, expected $SHA1" >&2
    exit 1
  fi
fi
tar -xzf "$TGZ" -C "$WORK" package/map.geo.json package/LICENSE
cp "$WORK/package/LICENSE" "$OUT/LICENSE-geo-maps"
gzip -c -6 "$WORK/package/map.geo.json" > "$OUT/countries-maritime-10m.geo.json.gz.tmp"
mv "$OUT/countries-maritime-10m.geo.json.gz.tmp" "$OUT/countries-maritime-10m.geo.json.gz"
rm -rf "$WORK/package"
