#!/bin/sh
# Fetches the Natural Earth land mask shipped inside Watchkeeper from the npm registry at build
# time (the product runs air-gapped, so the data must be inside the jar) and places it under
# target/classes. Called by core/pom.xml in the generate-resources phase.
#   $1 = the module's target directory
# Package: world-atlas@2.0.2 (ISC licence, Copyright 2013-2019 Michael Bostock); data: Natural
# Earth 1:10m land, version 4.1.0, public domain.
set -eu
TARGET="$1"
PKG="world-atlas@2.0.2"
SHA1="4bca4a578f3a413bd409c3f07f2054fe7375824f"   # shasum npm reports for world-atlas-2.0.2.tgz
OUT="$TARGET/classes/org/watchkeeper/core/ref/world-atlas"
if [ -f "$OUT/land-10m.json" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: npm was not found on the PATH. The core module needs npm at build time to fetch" >&2
  echo "ERROR: the land mask ($PKG from the npm registry). Install Node.js/npm and build again." >&2
  exit 1
fi
WORK="$TARGET/npm"
mkdir -p "$WORK" "$OUT"
( cd "$WORK" && npm pack "$PKG" --silent >/dev/null )
TGZ="$WORK/world-atlas-2.0.2.tgz"
if command -v sha1sum >/dev/null 2>&1; then
  GOT=$(sha1sum "$TGZ" | cut -d' ' -f1)
  if [ "$GOT" != "$SHA1" ]; then
    echo "ERROR: $TGZ has SHA-1 $GOT, expected $SHA1" >&2
    exit 1
  fi
fi
tar -xzf "$TGZ" -C "$WORK" package/land-10m.json package/LICENSE
cp "$WORK/package/land-10m.json" "$OUT/land-10m.json"
cp "$WORK/package/LICENSE" "$OUT/LICENSE-world-atlas"
