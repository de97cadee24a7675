#!/bin/sh
# Fetches the port list shipped inside Watchkeeper from the npm registry at build time (the product
# runs air-gapped, so the data must be inside the jar) and places it under target/classes. Called by
# core/pom.xml in the generate-resources phase.
#   $1 = the module's target directory
# Package: sea-ports@0.0.9 (MIT licence, Copyright (c) 2016 marchah): 1 634 sea ports keyed by
# UN/LOCODE with name, country and [longitude, latitude] coordinates (WGS 84).
set -eu
TARGET="$1"
PKG="sea-ports@0.0.9"
SHA1="e764af697377459847a95256a15d02e5e5709aa7"   # shasum npm reports for sea-ports-0.0.9.tgz
OUT="$TARGET/classes/org/watchkeeper/core/ref/sea-ports"
if [ -f "$OUT/ports.json" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: npm was not found on the PATH. The core module needs npm at build time to fetch" >&2
  echo "ERROR: the port list ($PKG from the npm registry). Install Node.js/npm and build again." >&2
  exit 1
fi
WORK="$TARGET/npm-sea-ports"
mkdir -p "$WORK" "$OUT"
( cd "$WORK" && npm pack "$PKG" --silent >/dev/null )
TGZ="$WORK/sea-ports-0.0.9.tgz"
if command -v sha1sum >/dev/null 2>&1; then
  GOT=$(sha1sum "$TGZ" | cut -d' ' -f1)
  if [ "$GOT" != "$SHA1" ]; then
    echo "ERROR: $TGZ has SHA-1 $GOT, expected $SHA1" >&2
    exit 1
  fi
fi
tar -xzf "$TGZ" -C "$WORK" package/lib/ports.json package/LICENSE
cp "$WORK/package/lib/ports.json" "$OUT/ports.json"
cp "$WORK/package/LICENSE" "$OUT/LICENSE-sea-ports"
