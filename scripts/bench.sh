#!/usr/bin/env bash
# Whole-process benchmark of `corroborate check` on synthetic corpora, with ripgrep as the
# reading floor. Prints a Markdown table and writes it to target/bench/check.md.
#
#   scripts/bench.sh                      # 1k, 10k, 50k articles; threads 1 and 2
#
# Cases: `check --threads T DIR` (the default, human report, as a user or CI runs it) for
# each thread count, and `check --format json` on the last one.
#   SIZES="1000 10000" RUNS=3 scripts/bench.sh
#   CORPUS=alt SIZES="1000 10000" scripts/bench.sh   # the independent generator's corpora
#   CORPUS=alt30 SIZES="1000 10000" scripts/bench.sh # the same, shorter bodies: ~30 MB at 10k
#
# Env: CORPUS (`synth`, the Rust generator `examples/gen_corpus`, or `alt`, the independent
# Python one `scripts/alt_corpus.py`: fewer, bigger stories, denser figures, bodies of
# 2-8 KB as the issue asks, 57 MB at 10k; or `alt30`, the same with bodies of 1.2-3.5 KB,
# the issue's "~30 MB" at 10k), SIZES (article counts), THREADS (list), RUNS (timed runs per case, default 5;
# corpora of 50k articles or more get BIG_RUNS runs, default 1, without warm-up), SEED (generator seed, 42), BENCH_DIR (/tmp/corroborate-bench).
# Exit code 1 of `check` (disagreements found) counts as success. "Cold" means a fresh
# process with no state carried over; the OS file cache is warm (as it is for rg, measured
# the same way), since dropping it needs privileges most machines do not give.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 50000"}
THREADS=${THREADS:-"1 2"}
RUNS=${RUNS:-5}
SEED=${SEED:-42}
CORPUS=${CORPUS:-synth}
case $CORPUS in
synth) BENCH_DIR=${BENCH_DIR:-/tmp/corroborate-bench}; GEN_SRC=benches/support/synth.rs ;;
alt) BENCH_DIR=${BENCH_DIR:-/tmp/corroborate-bench-alt}; GEN_SRC=scripts/alt_corpus.py; BODY="2000 8000" ;;
alt30) BENCH_DIR=${BENCH_DIR:-/tmp/corroborate-bench-alt30}; GEN_SRC=scripts/alt_corpus.py; BODY="1200 3500" ;;
*) echo "bench: CORPUS is synth, alt or alt30, not $CORPUS" >&2; exit 2 ;;
esac
OUT_DIR=target/bench
mkdir -p "$OUT_DIR" "$BENCH_DIR"

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
    if need apt-get; then
        echo "bench: installing $*" >&2
        (apt-get update -qq && apt-get install -y -qq "$@") >/dev/null 2>&1 || true
    fi
}
need hyperfine || apt_install hyperfine
need rg || apt_install ripgrep
[ -x /usr/bin/time ] || apt_install time
need python3 || { echo "bench: python3 is needed to read timings" >&2; exit 2; }

cargo build --release --quiet --bin corroborate --example gen_corpus
BIN=$PWD/target/release/corroborate
GEN=$PWD/target/release/examples/gen_corpus

# Time a command: prints "mean stddev min cpu" in seconds (cpu = user + system, mean).
# Uses hyperfine when present.
time_cmd() {
    local runs=$1
    shift
    if need hyperfine; then
        local json
        json=$(mktemp)
        hyperfine --style none --warmup "${WARMUP:-1}" --runs "$runs" -i --export-json "$json" "$*" >/dev/null
        python3 - "$json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f'{r["mean"]:.4f} {r["stddev"] or 0:.4f} {r["min"]:.4f} {r["user"] + r["system"]:.4f}')
EOF
        rm -f "$json"
    else
        bash -c "$*" >/dev/null 2>&1 || true # warm-up
        local times=()
        for _ in $(seq "$runs"); do
            local t0 t1
            t0=$(date +%s.%N)
            bash -c "$*" >/dev/null 2>&1 || true
            t1=$(date +%s.%N)
            times+=("$(echo "$t1 - $t0" | bc -l)")
        done
        python3 -c 'import statistics as s,sys; v=[float(x) for x in sys.argv[1:]]; print(f"{s.mean(v):.4f} {s.pstdev(v):.4f} {min(v):.4f} nan")' "${times[@]}"
    fi
}

# Peak resident set size of a command, in MB (10^6 bytes, the unit of the corpus size and
# of the budget; GNU time reports KiB).
peak_rss_mb() {
    if [ -x /usr/bin/time ]; then
        # `check` exits 1 when it finds disagreements: not a failure here.
        { /usr/bin/time -v bash -c "$* >/dev/null 2>&1" 2>&1 >/dev/null || true; } |
            awk -F: '/Maximum resident set size/ {printf "%.1f", $2 * 1024 / 1e6}'
    else
        echo "n/a"
    fi
}

table=$OUT_DIR/check.md
[ "$CORPUS" != synth ] && table=$OUT_DIR/check-$CORPUS.md
{
    echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -m | awk '/^Mem:/ {print $2}') MB RAM"
    echo "Corpus: $CORPUS (generator $GEN_SRC, seed $SEED)"
    echo "Commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u +%Y-%m-%dT%H:%MZ), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| articles | MB | case | wall s (mean ± sd) | min s | CPU s (user+sys) | MB/s | articles/s | peak RSS MB | RSS budget MB (4×corpus+50) | vs rg |"
    echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$table"

declare -A CHECK_T1
for n in $SIZES; do
    dir=$BENCH_DIR/$n
    # The stamp names the generator's source hash: a changed generator regenerates.
    stamp=$dir/.generated-seed-$SEED-$(cat "$GEN_SRC" <(echo "${BODY:-}") | sha1sum | cut -c1-12)
    if [ ! -f "$stamp" ]; then
        rm -rf "$dir"
        if [ "$CORPUS" != synth ]; then
            # shellcheck disable=SC2086 # BODY is two numbers
            python3 scripts/alt_corpus.py --articles "$n" --out "$dir" --seed "$SEED" --body-bytes $BODY >&2
        else
            "$GEN" --articles "$n" --out "$dir" --seed "$SEED" >&2
        fi
        touch "$stamp"
    fi
    bytes=$(find "$dir" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' | awk '{s+=$1} END {print s}')
    mb=$(python3 -c "print(f'{$bytes/1e6:.1f}')")
    runs=$RUNS
    # Big corpora: one timed run, no warm-up (BIG_RUNS, default 1).
    WARMUP=1
    if [ "$n" -ge 50000 ]; then runs=${BIG_RUNS:-1}; WARMUP=0; fi

    read -r rg_mean rg_sd rg_min rg_cpu < <(time_cmd "$runs" "rg -c '[0-9]' $dir")
    read -r rg1_mean _ _ rg1_cpu < <(time_cmd "$runs" "rg -j1 -c '[0-9]' $dir")
    rg_rss=$(peak_rss_mb "rg -c '[0-9]' $dir")
    # the default (human) report on each thread count, and the JSON one on the last
    cases=()
    for t in $THREADS; do cases+=("$t:"); done
    cases+=("${t}:--format json ")
    for case in "${cases[@]}"; do
        t=${case%%:*}
        fmt=${case#*:}
        cmd="$BIN check $fmt--threads $t $dir"
        read -r mean sd min cpu < <(time_cmd "$runs" "$cmd")
        rss=$(peak_rss_mb "$cmd")
        floor=$rg_mean
        [ "$t" = 1 ] && floor=$rg1_mean
        [ "$t" = 1 ] && [ -z "$fmt" ] && CHECK_T1[$n]=$mean
        python3 - "$n" "$bytes" "$t" "$mean" "$sd" "$min" "$rss" "$floor" "$cpu" "$fmt" >>"$table" <<'EOF'
import sys
n, b, t = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
fmt = sys.argv[10]
mean, sd, mn = map(float, sys.argv[4:7])
rss, floor, cpu = sys.argv[7], float(sys.argv[8]), float(sys.argv[9])
ratio = f"{mean / floor:.1f}×" if floor > 0 else "n/a"
rss_ratio = f"{4 * b / 1e6 + 50:.0f}"
print(f"| {n} | {b/1e6:.1f} | check {fmt}--threads {t} | {mean:.3f} ± {sd:.3f} | {mn:.3f} | {cpu:.3f} | "
      f"{b/1e6/mean:.1f} | {n/mean:.0f} | {rss} | {rss_ratio} | {ratio} |")
EOF
    done
    python3 - "$n" "$bytes" "$rg_mean" "$rg_sd" "$rg_min" "$rg_rss" "$rg1_mean" "$rg_cpu" "$rg1_cpu" >>"$table" <<'EOF'
import sys
n, b = int(sys.argv[1]), int(sys.argv[2])
mean, sd, mn = map(float, sys.argv[3:6])
rss, mean1, cpu, cpu1 = sys.argv[6], float(sys.argv[7]), float(sys.argv[8]), float(sys.argv[9])
print(f"| {n} | {b/1e6:.1f} | rg -c '[0-9]' (floor) | {mean:.3f} ± {sd:.3f} | {mn:.3f} | {cpu:.3f} | "
      f"{b/1e6/mean:.0f} | {n/mean:.0f} | {rss} | | 1× |")
print(f"| {n} | {b/1e6:.1f} | rg -j1 -c '[0-9]' (floor, 1 thread) | {mean1:.3f} | | {cpu1:.3f} | "
      f"{b/1e6/mean1:.0f} | {n/mean1:.0f} | | | 1× |")
EOF
    echo "bench: $n articles done" >&2
done

# Scaling: time per article relative to the smallest corpus (threads 1).
{
    echo
    echo "Scaling (threads 1): time per article relative to the smallest corpus (1.00 = linear)"
    echo
    first=""
    for n in $SIZES; do
        t=${CHECK_T1[$n]:-}
        [ -z "$t" ] && continue
        if [ -z "$first" ]; then first="$n $t"; fi
        python3 - "$first" "$n" "$t" <<'EOF'
import sys
n0, t0 = sys.argv[1].split()
n, t = int(sys.argv[2]), float(sys.argv[3])
print(f"- {n} articles: {t:.3f} s, {(t / n) / (float(t0) / int(n0)):.2f}× the per-article time of {n0}")
EOF
    done
} >>"$table"

cat "$table"
