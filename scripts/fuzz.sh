#!/usr/bin/env bash
# Run every cargo-fuzz target for a bounded time each (not part of `cargo test`).
#
#   scripts/fuzz.sh [SECONDS]          # default 60 seconds per target
#   TARGETS="lsp_edits" scripts/fuzz.sh 300
#
# Works on the stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its nightly-only
# flags (-Zsanitizer, sanitizer coverage). We fuzz without AddressSanitizer (the crate has
# no unsafe code; ASan halves throughput) but with debug assertions and overflow checks on,
# so an arithmetic overflow or a failed debug_assert is a crash.
#
# Seeds: fuzz/seeds/common (invented articles), every file of articles/ and, for
# workspace_findings, articles/ joined by `=====` lines in groups of four. The growing
# corpus lives in fuzz/corpus/<target> (git-ignored); crashes in fuzz/artifacts/<target>.
# Logs go to fuzz/logs/<target>.log; the last line per target is libFuzzer's
# "Done N runs in S second(s)". Exit status 1 if any target found a crash.
set -u
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"
TARGETS="${TARGETS:-analyze_article workspace_findings lsp_edits}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2
  exit 2
fi

FLAGS=(--sanitizer none --debug-assertions)
cargo fuzz build "${FLAGS[@]}" || exit 2

mkdir -p fuzz/logs fuzz/seeds/generated
# Multi-article seeds from the sample corpus, four articles per seed.
if [ -d articles ]; then
  rm -f fuzz/seeds/generated/*
  i=0; group=()
  while IFS= read -r -d '' f; do
    group+=("$f")
    if [ "${#group[@]}" -eq 4 ]; then
      for g in "${group[@]}"; do cat "$g"; printf '\n=====\n'; done > "fuzz/seeds/generated/multi-$i.txt"
      i=$((i + 1)); group=()
    fi
  done < <(find articles -type f \( -name '*.txt' -o -name '*.md' \) -print0 | sort -z)
fi

max_len() {
  case "$1" in
    analyze_article) echo 32768 ;;
    workspace_findings) echo 65536 ;;
    *) echo 8192 ;;
  esac
}

status=0
for t in $TARGETS; do
  mkdir -p "fuzz/corpus/$t"
  seeds=(fuzz/seeds/common fuzz/regressions)
  [ -d articles ] && seeds+=(articles)
  [ "$t" = workspace_findings ] && seeds+=(fuzz/seeds/generated)
  echo "== $t: ${SECONDS_PER_TARGET}s, seeds: ${seeds[*]}"
  cargo fuzz run "${FLAGS[@]}" "$t" "fuzz/corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len="$(max_len "$t")" \
    -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 >"fuzz/logs/$t.log" 2>&1
  rc=$?
  grep -E '^Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb' "fuzz/logs/$t.log" | sed "s/^/   /"
  if [ $rc -ne 0 ]; then
    echo "   CRASH (exit $rc): see fuzz/logs/$t.log and fuzz/artifacts/$t/" >&2
    grep -E 'panicked at|SUMMARY|Test unit written' "fuzz/logs/$t.log" | head -5 | sed "s/^/   /" >&2
    status=1
  fi
done
exit $status
