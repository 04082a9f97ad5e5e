#!/usr/bin/env bash
# Runs one fuzz target briefly, as ctest does: every seed of its corpus, then
# fuzzing for a few seconds. New inputs go to a scratch folder under the
# build tree, never into the repository; a crash, leak, timeout or
# out-of-memory input is saved there too and fails the test.
#
#   run_fuzzer.sh FUZZER SEED_DIR WORK_DIR SECONDS [libFuzzer flags...]
set -euo pipefail
fuzzer=$1 seeds=$2 work=$3 seconds=$4
shift 4
rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
# The first folder receives new inputs; the seeds are only read.
exec "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$@" "$work/corpus" "$seeds"
