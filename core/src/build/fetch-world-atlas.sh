#!/bin/sh
# Fetches the Natural Earth land mask shipped inside Watchkeeper from the npm registry at build
# time (the product runs air-gapped, so the data must be inside the jar) and places it under
# target/classes. Called by core/pom.xml in the generate-resources phase.
#   $1 = the module's target directory
# Package: world-atlas@2.0.2 (ISC licence, Copyright 2013-2019 Michael Bostock); data: Natural
# Earth 1:10m land, version 4.1.0, public domain.
set -eu
. "$(dirname "$0")/npm-fetch.sh"
TARGET="$1"
PKG="world-atlas@2.0.2"
SHA1="4bca4a578f3a413bd409c3f07f2054fe7375824f"
OUT="$TARGET/classes/org/watchkeeper/core/ref/world-atlas"
if [ -f "$OUT/land-10m.json" ]; then
  exit 0
fi
WORK="$TARGET/npm"
npm_fetch "$PKG" "$SHA1" "$WORK" "world-atlas-2.0.2.tgz" "the land mask" package/land-10m.json package/LICENSE
mkdir -p "$OUT"
cp "$WORK/package/land-10m.json" "$OUT/land-10m.json"
cp "$WORK/package/LICENSE" "$OUT/LICENSE-world-atlas"
