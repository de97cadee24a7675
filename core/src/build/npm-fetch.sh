# Shared by the fetch-*.sh scripts (sourced, not run): fetches one pinned npm package tarball from the
# npm registry at build time, checks its SHA-1 and unpacks the named files under $WORK/package/.
#   npm_fetch PKG SHA1 WORK TGZ WHAT FILE...
#     PKG   package@version            SHA1  shasum npm reports for the tarball
#     WORK  scratch folder              TGZ   tarball file name npm pack writes
#     WHAT  what the data is, for the error message
#     FILE  paths inside the tarball (package/...) to unpack
npm_fetch() {
  pkg="$1"; sha1="$2"; work="$3"; tgz="$work/$4"; what="$5"
  shift 5
  if ! command -v npm >/dev/null 2>&1; then
    echo "ERROR: npm was not found on the PATH. The core module needs npm at build time to fetch" >&2
    echo "ERROR: $what ($pkg from the npm registry). Install Node.js/npm and build again." >&2
    exit 1
  fi
  mkdir -p "$work"
  ( cd "$work" && npm pack "$pkg" --silent >/dev/null )
  if command -v sha1sum >/dev/null 2>&1; then
    got=$(sha1sum "$tgz" | cut -d' ' -f1)
    if [ "$got" != "$sha1" ]; then
      echo "ERROR: $tgz has SHA-1 $got, expected $sha1" >&2
      exit 1
    fi
  fi
  tar -xzf "$tgz" -C "$work" "$@"
}
