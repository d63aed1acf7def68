#!/usr/bin/env bash
# Side-by-side timing of two `corroborate` binaries on one corpus, run by run: rg, then A,
# then B, RUNS times. On a shared host whose speed drifts within minutes (BENCHMARKS.md,
# "Machine"), two batches run minutes apart compare the host, not the code; alternating
# runs see the same drift. Prints, per binary, the mean wall time, the mean CPU time (user
# + system), the largest peak RSS of its runs (MB of 10^6 bytes, the unit of the corpus
# size and of the memory budget) and every run's wall time; rg is the reading floor.
#
#   scripts/ab.sh OLD_BIN NEW_BIN DIR [RUNS]        # RUNS defaults to 6
#   THREADS=1 scripts/ab.sh /tmp/old/corroborate target/release/corroborate /tmp/corroborate-bench/10000
#
# Build the old binary from another checkout (`git worktree add /tmp/old <commit>` and
# `cargo build --release` there). Needs GNU time (`/usr/bin/time`, Debian package `time`)
# and rg. Exit code 1 of `check` (disagreements found) is success.
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
A=$1
B=$2
DIR=$3
RUNS=${4:-6}
THREADS=${THREADS:-2}
for tool in /usr/bin/time rg; do
  command -v "$tool" >/dev/null || { echo "ab: $tool is missing" >&2; exit 2; }
done
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() { # label, binary
  /usr/bin/time -o "$log" -f "%e %U %S %M" "$2" check --threads "$THREADS" "$DIR" >/dev/null 2>&1 || true
  # GNU time puts "Command exited with non-zero status 1" above the figures
  echo "$1 $(tail -n 1 "$log")"
}

for _ in $(seq 1 "$RUNS"); do
  s=$(date +%s.%N)
  rg -c '[0-9]' "$DIR" >/dev/null || true
  e=$(date +%s.%N)
  echo "rg $(awk -v s="$s" -v e="$e" 'BEGIN { print e - s }') 0 0 0"
  run A "$A"
  run B "$B"
done | awk -v a="$A" -v b="$B" '
  { w[$1] = w[$1] " " $2; s[$1] += $2; c[$1] += $3 + $4; n[$1]++; if ($5 > m[$1]) m[$1] = $5 }
  END {
    name["rg"] = "rg -c [0-9]"; name["A"] = a; name["B"] = b
    split("rg A B", order, " ")
    for (i = 1; i <= 3; i++) {
      k = order[i]
      if (k == "rg") printf "%-2s wall %.3f s                      |%s   (%s)\n", k, s[k] / n[k], w[k], name[k]
      else printf "%-2s wall %.3f s  cpu %.2f s  max rss %.1f MB |%s   (%s)\n", k, s[k] / n[k], c[k] / n[k], m[k] * 1024 / 1e6, w[k], name[k]
    }
    if (s["A"] > 0) printf "B / A wall %.3f, cpu %.3f\n", s["B"] / s["A"], c["B"] / c["A"]
  }'
