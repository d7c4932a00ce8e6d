#!/usr/bin/env bash
# Sums the counters of every TRX file under DIR and prints "N passed, N failed[, N skipped]".
# A build failure leaves no TRX: that counts as one failure, so CI never reports a green zero.
dir="${1:-TestResults}"
passed=0; failed=0; skipped=0; files=0
while IFS= read -r -d '' trx; do
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done < <(find "$dir" -name '*.trx' -print0 2>/dev/null)
[ $files -eq 0 ] && failed=$((failed + 1))
if [ $skipped -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
