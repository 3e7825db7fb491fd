#!/usr/bin/env bash
# Builds and runs Plum's libFuzzer targets (see docs/reliability.md).
#
#   Fuzz/run.sh build                 build every target into .build/fuzz/
#   Fuzz/run.sh run TARGET [ARGS…]    run one target on its corpus; ARGS go to libFuzzer
#                                     (e.g. -max_total_time=3600 -jobs=2)
#   Fuzz/run.sh ci [SECONDS]          build, then run each target for SECONDS (default 30) on a copy
#                                     of its seed corpus; any crash fails (exit 1)
#
# Targets: policy (lex, parse, check, lower, decide, format twice), data (CSV and JSON Lines
# readers, whole versus 1–64 byte reads), model (model files decoded, encoded and scored) and http
# (the server's request parser, pipelined requests, one read versus reads split at random points).
#
# SwiftPM gives every executable a `main`, which would clash with libFuzzer's, so the targets are
# not SwiftPM products. Instead the libraries are compiled by SwiftPM with coverage and
# AddressSanitizer instrumentation into their own scratch directory:
#
#   swift build --scratch-path .build/fuzz --target PlumDriver  -Xswiftc -sanitize=fuzzer,address
#   swift build --scratch-path .build/fuzz --target PlumFormatter -Xswiftc -sanitize=fuzzer,address
#   swift build --scratch-path .build/fuzz --target PlumServer -Xswiftc -sanitize=fuzzer,address
#
# and each target is one swiftc link of its source (parsed as a library, so libFuzzer's main is
# the program's) with those object files:
#
#   swiftc -sanitize=fuzzer,address -parse-as-library -I .build/fuzz/debug/Modules \
#     -Xcc -fmodule-map-file=.build/fuzz/debug/CPlumSystem.build/module.modulemap \
#     Fuzz/FuzzSupport.swift Fuzz/PolicyFuzz.swift .build/fuzz/debug/Plum*.build/*.o -o …
#
# This works with Swift 6.3.1 on Linux (the toolchain ships libFuzzer and the sanitizer runtimes).
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build/fuzz
targets=(policy data model http)

source_of() {
  case "$1" in
    policy) echo Fuzz/PolicyFuzz.swift ;;
    data) echo Fuzz/DataFuzz.swift ;;
    model) echo Fuzz/ModelFuzz.swift ;;
    http) echo Fuzz/HTTPFuzz.swift ;;
    *) echo "unknown fuzz target '$1' (targets: ${targets[*]})" >&2; exit 2 ;;
  esac
}

build() {
  for target in PlumDriver PlumFormatter PlumServer; do
    swift build --scratch-path "$scratch" --target "$target" -Xswiftc -sanitize=fuzzer,address
  done
  # Every library the built targets depend on, whichever they are today: the scratch folder
  # builds nothing else.
  local objects=()
  while IFS= read -r object; do objects+=("$object"); done \
    < <(find "$scratch"/debug/Plum*.build -name '*.o' | sort)
  for target in "${targets[@]}"; do
    # gold warns once per sanitizer helper symbol it cannot export; those lines are dropped.
    # PlumServer imports the CPlumSystem C module; its module map is SwiftPM's.
    swiftc -sanitize=fuzzer,address -parse-as-library -g -I "$scratch/debug/Modules" \
      -Xcc -fmodule-map-file="$scratch/debug/CPlumSystem.build/module.modulemap" \
      Fuzz/FuzzSupport.swift "$(source_of "$target")" "${objects[@]}" -o "$scratch/fuzz-$target" \
      2> >(grep -v 'Cannot export local symbol' >&2)
  done
}

run() {
  local target="$1"
  shift
  source_of "$target" >/dev/null
  # New inputs go to a working corpus outside the repository; the seeds are read from Fuzz/corpus.
  local work="$scratch/corpus/$target"
  mkdir -p "$work" "$scratch/artifacts"
  # Swift's backtracer does not run under AddressSanitizer; libFuzzer's handler prints the stack.
  SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}" "$scratch/fuzz-$target" -artifact_prefix="$scratch/artifacts/$target-" -rss_limit_mb=4096 \
    -max_len=65536 "$@" "$work" "Fuzz/corpus/$target"
}

case "${1:-}" in
  build) build ;;
  run)
    [[ $# -ge 2 ]] || { echo "usage: Fuzz/run.sh run TARGET [libFuzzer options]" >&2; exit 2; }
    shift
    run "$@"
    ;;
  ci)
    seconds="${2:-30}"
    build
    for target in "${targets[@]}"; do
      echo "fuzzing $target for $seconds s"
      # A fixed seed (FUZZ_SEED to change it) makes a CI run repeat the same mutations, so a red
      # run can be reproduced and a green one does not turn red by chance; longer runs use random seeds.
      run "$target" -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -print_final_stats=1
    done
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
