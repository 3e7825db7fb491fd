#!/usr/bin/env bash
# The whole test suite under AddressSanitizer (heap and stack overflows, use after free, and the
# reads of uninitialised memory that ASan's 0xbe allocation fill turns into wild indexes).
#
# Builds everything (library, the plum executable the process tests run, and the tests) with
# -sanitize=address into its own build folder, so the normal .build stays as it is, then runs the
# tests from that build. Leak checking is off: the Swift runtime and Foundation keep allocations
# alive until exit by design, and LeakSanitizer reports them. Any ASan report aborts the test
# process, so the run fails.
#
#   scripts/asan-test.sh                       # the whole suite
#   scripts/asan-test.sh --filter DateSemantics  # arguments go to `swift test`
#
# On the project's 2-core machine (shared with other builds) the clean ASan build took 21 min and
# the 777 tests 20 min, against about 4 min for the normal suite alone: too long for .ci/run,
# which must stay well under 30 min, so it is not part of CI. Run it before a release and after
# touching unsafe pointers (Sources/PlumRuntime/Evaluator, Sources/PlumData readers); a later
# run rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_PATH=${BUILD_PATH:-.build-asan}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:halt_on_error=1}

swift build --build-tests -c debug -Xswiftc -sanitize=address --build-path "$BUILD_PATH"
swift test --skip-build -c debug --build-path "$BUILD_PATH" "$@"
