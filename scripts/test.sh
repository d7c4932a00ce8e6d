#!/usr/bin/env bash
# Runs every test project against the project's PostGIS and prints one line "N passed, N failed"
# summed from the test results themselves (TRX files), not from dotnet's console summary.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet build OneBlueprint.sln -c Release -nologo -v quiet -clp:ErrorsOnly || status=$?
if [ $status -eq 0 ]; then
  dotnet test OneBlueprint.sln -c Release --no-build -nologo -v quiet \
    --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true || status=$?
fi
"$root/scripts/test-summary.sh" "$results"
exit $status
