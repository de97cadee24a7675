#!/bin/sh
# Fetches the port list shipped inside Watchkeeper from the npm registry at build time (the product
# runs air-gapped, so the data must be inside the jar) and places it under target/classes. Called by
# core/pom.xml in the generate-resources phase.
#   $1 = the module's target directory
# Package: sea-ports@0.0.9 (MIT licence, Copyright (c) 2016 marchah): 1 634 sea ports keyed by
# UN/LOCODE with name, country and [longitude, latitude] coordinates (WGS 84).
set -eu
. "$(dirname "$0")/npm-fetch.sh"
TARGET="$1"
PKG="sea-ports@0.0.9"
SHA1="e764af697377459847a95256a15d02e5e5709aa7"
OUT="$TARGET/classes/org/watchkeeper/core/ref/sea-ports"
if [ -f "$OUT/ports.json" ]; then
  exit 0
fi
WORK="$TARGET/npm-sea-ports"
npm_fetch "$PKG" "$SHA1" "$WORK" "sea-ports-0.0.9.tgz" "the port list" package/lib/ports.json package/LICENSE
mkdir -p "$OUT"
cp "$WORK/package/lib/ports.json" "$OUT/ports.json"
cp "$WORK/package/LICENSE" "$OUT/LICENSE-sea-ports"
