#!/usr/bin/env bash
# Builds the standard page's front end (web/ -> web/dist) when its sources are newer than the last build:
# npm ci (pinned versions from web/package-lock.json) and esbuild. Installs Node.js and npm from Debian when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/web"
out="$web/dist/app.js"

if [ -f "$out" ] && [ -z "$(find "$web/src" "$web/package.json" "$web/package-lock.json" "$web/build.mjs" -newer "$out" -print -quit 2>/dev/null)" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "web: installing nodejs and npm (Debian packages)…" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
cd "$web"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "web: npm ci…" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
echo "web: building web/dist…" >&2
npm run --silent build >&2
