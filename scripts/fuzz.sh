#!/usr/bin/env bash
# Builds the fuzz target (release, libFuzzer + AddressSanitizer) and runs it for SECONDS.
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]     (default 180 seconds)
#
# The corpus starts from every message in Fixtures/ (regression inputs in Fixtures/fuzz/
# included), copied into a temporary folder that is removed at the end: generated corpora are
# never committed. Each input has a time limit (FUZZ_TIMEOUT, 10 s) and the process a memory
# limit (FUZZ_RSS_MB, 2048 MB). Crashes, leaks and timeouts are written to .build/fuzz/artifacts/;
# the script ends with libFuzzer's final statistics line and exits non-zero when it found any.
#
# Environment: FUZZ_SANITIZE (default fuzzer,address; fuzzer alone runs ~2x faster without
# memory checks), FUZZ_MAX_LEN (16384), FUZZ_CORPUS (a folder to keep the corpus in between
# runs, outside the repository), FUZZ_NICE (10).
#
# To reproduce an artifact without sanitizers: swift build --product bounce-fuzz &&
# .build/debug/bounce-fuzz .build/fuzz/artifacts/crash-…  To shrink it before keeping it as
# a regression input in Fixtures/fuzz/: .build/fuzz/release/bounce-fuzz -minimize_crash=1
# -runs=100000 -exact_artifact_path=Fixtures/fuzz/NAME .build/fuzz/artifacts/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-180}"
shift || true
sanitize="${FUZZ_SANITIZE:-fuzzer,address}"
timeout_s="${FUZZ_TIMEOUT:-10}"
rss_mb="${FUZZ_RSS_MB:-2048}"
max_len="${FUZZ_MAX_LEN:-16384}"
niceness="${FUZZ_NICE:-10}"
scratch=.build/fuzz
artifacts="$scratch/artifacts"

cflags="fuzzer-no-link"
case "$sanitize" in *address*) cflags="fuzzer-no-link,address" ;; esac

echo "== building bounce-fuzz (release, -sanitize=$sanitize)"
# lld: the system's gold linker fails on the sanitizer runtime's debug information.
mkdir -p "$scratch"
build_status=0
nice -n "$niceness" swift build -c release --product bounce-fuzz --scratch-path "$scratch" \
  -Xswiftc -sanitize="$sanitize" -Xswiftc -D -Xswiftc FUZZING \
  -Xcc -fsanitize="$cflags" -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >"$scratch/build.log" 2>&1 || build_status=$?
grep -v '^\[' "$scratch/build.log" || true
binary="$scratch/release/bounce-fuzz"
# A failed build must not leave an older binary to be fuzzed in its place.
[ "$build_status" -eq 0 ] && [ -x "$binary" ] || { echo "fuzz.sh: build failed" >&2; exit 2; }

corpus="${FUZZ_CORPUS:-}"
cleanup=""
if [ -z "$corpus" ]; then
  corpus="$(mktemp -d "${TMPDIR:-/tmp}/bounce-fuzz-corpus.XXXXXX")"
  cleanup="$corpus"
fi
trap '[ -n "$cleanup" ] && rm -rf "$cleanup"' EXIT
mkdir -p "$corpus" "$artifacts"
n=0
while IFS= read -r -d '' f; do
  cp "$f" "$corpus/seed-$n-$(basename "$f")"
  n=$((n + 1))
done < <(find Fixtures -type f ! -name '*.json' ! -name '*.md' -print0)
echo "== fuzzing for ${seconds}s: $n seed files, timeout ${timeout_s}s per input, rss limit ${rss_mb} MB, max_len $max_len"

log="$scratch/fuzz-last.log"
status=0
nice -n "$niceness" "$binary" "$corpus" \
  -dict=scripts/fuzz.dict -max_total_time="$seconds" -timeout="$timeout_s" \
  -rss_limit_mb="$rss_mb" -max_len="$max_len" -artifact_prefix="$artifacts/" \
  -print_final_stats=1 "$@" >"$log" 2>&1 || status=$?

# libFuzzer's final status line ("#N DONE cov: … exec/s: … rss: …"), its run count and stats.
grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true
grep -E '^Done [0-9]+ runs' "$log" | tail -n 1 || true
grep -E '^stat::' "$log" || true
if [ "$status" -ne 0 ]; then
  echo "== libFuzzer stopped with status $status; the end of its log ($log):"
  tail -n 60 "$log"
  ls -1 "$artifacts" 2>/dev/null | sed 's/^/   artifact: /'
  exit 1
fi
echo "== no crash, leak or timeout (log: $log)"
