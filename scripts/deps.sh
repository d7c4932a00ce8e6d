#!/usr/bin/env bash
# Installs the system packages OneBlueprint needs, and only those that are missing.
#
#   scripts/deps.sh          # quiet when everything is there; says what it installs otherwise
#
# Idempotent and non-interactive (works under CI=true with no stdin). Runs apt-get as root, or through
# sudo when not root and sudo exists. `apt-get update` runs at most once, and only when something has to
# be installed. Also checks that the .NET SDK (`dotnet`) is on PATH: it is not an apt package here, so
# the script cannot install it and says so instead.
set -euo pipefail

# Debian 12 (bookworm) package names. PostGIS 3.3 on PostgreSQL 15 is the system of record; GDAL/PROJ
# command-line tools are independent references in tests; chromium + CJK fonts + cairo render pages;
# poppler-utils (pdftoppm, pdftotext) lets tests look inside the PDF reports chromium prints; wrk loads the
# tile server over loopback in `ob bench tiles`.
packages=(
  postgresql-15
  postgresql-15-postgis-3
  gdal-bin
  proj-bin
  chromium
  fonts-noto-cjk
  libcairo2
  poppler-utils
  wrk
)

is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

missing=()
for p in "${packages[@]}"; do
  is_installed "$p" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    echo "deps.sh: missing packages: ${missing[*]}" >&2
    echo "deps.sh: not root and no sudo; install them as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "deps.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq </dev/null
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" </dev/null
  echo "deps.sh: installed ${missing[*]}"
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "deps.sh: 'dotnet' (the .NET 10 SDK) is not on PATH. Install the .NET 10 SDK first;" >&2
  echo "deps.sh: this script does not install it (it is not a Debian package here)." >&2
  exit 1
fi
