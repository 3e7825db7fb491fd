#!/usr/bin/env bash
# Load benchmark for `plum serve` and `plum run --stream` (docs/performance.md, "Serving").
#
# Builds plum in release mode, serves the winback example on a loopback port and drives it with
# wrk (Debian's package): single-record and 100-record batch requests on keep-alive connections,
# flat out, then single records at half the measured rate for the latency at a steady load. Then
# times `plum run` over a JSON Lines file against `plum run --stream` over the same bytes on
# standard input. Every wrk run is bounded by DURATION seconds; the whole script takes about
# 5 × DURATION seconds plus the build.
#
#   scripts/bench-serve.sh                  # 10 s per load run
#   DURATION=5 CONNECTIONS=64 scripts/bench-serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-50}
WRK_THREADS=${WRK_THREADS:-1}
WORKERS=${WORKERS:-2}
STREAM_RECORDS=${STREAM_RECORDS:-600000}
WORK=$(mktemp -d /tmp/plum-bench-serve.XXXXXX)
SERVER=

cleanup() {
  if [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null; then
    kill -TERM "$SERVER"
    wait "$SERVER" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "GNU time is not installed (apt-get install time)" >&2; exit 2; }
swift build -c release --product plum >&2
PLUM=$(swift build -c release --show-bin-path)/plum
POLICY=examples/winback/winback.plum
DATA=examples/winback/data/participants.jsonl

echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# Request bodies: one record, and 100 records as JSON Lines.
sed -n 2p "$DATA" > "$WORK/single.json"
head -100 "$DATA" > "$WORK/batch.jsonl"

# A wrk script posting FILE; DELAY_MS (optional) paces each connection.
wrk_script() {
  local body=$1 delay=${2:-0}
  cat <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[$(cat "$body")]==]
$( ((delay > 0)) && echo "function delay() return $delay end" )
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.3f %.3f %.3f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors))
end
EOF
}
wrk_script "$WORK/single.json" > "$WORK/single.lua"
wrk_script "$WORK/batch.jsonl" > "$WORK/batch.lua"

"$PLUM" serve "$POLICY" --port 0 --workers "$WORKERS" 2> "$WORK/serve.log" &
SERVER=$!
for _ in $(seq 100); do grep -q "listening on" "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$WORK/serve.log")
URL="http://127.0.0.1:$PORT/v1/decide?as_of=2026-11-23"
# The served decision must be plum run's.
curl -s --data-binary @"$WORK/batch.jsonl" "$URL" > "$WORK/served.jsonl"
"$PLUM" run "$POLICY" "$WORK/batch.jsonl" --as-of 2026-11-23 > "$WORK/run.jsonl" 2>/dev/null
cmp -s "$WORK/served.jsonl" "$WORK/run.jsonl" || { echo "served decisions differ from plum run" >&2; exit 1; }

# run NAME SCRIPT RECORDS_PER_REQUEST [CONNECTIONS]
run() {
  local name=$1 script=$2 records=$3 connections=${4:-$CONNECTIONS}
  local line
  line=$(wrk -t"$WRK_THREADS" -c"$connections" -d"${DURATION}s" --latency -s "$script" "$URL" | grep '^RESULT')
  read -r _ rps p50 p99 max errors <<< "$line"
  printf '%-34s %9s req/s %10s decisions/s  p50 %7s ms  p99 %7s ms  max %8s ms  errors %s\n' \
    "$name" "$rps" "$((rps * records))" "$p50" "$p99" "$max" "$errors"
  LAST_RPS=$rps
}

echo "plum serve, $WORKERS workers; wrk $WRK_THREADS thread(s), $CONNECTIONS connections, ${DURATION} s each:"
run "single record, flat out" "$WORK/single.lua" 1
SINGLE_RPS=$LAST_RPS
run "100-record batch, flat out" "$WORK/batch.lua" 100
# Half the single-record rate: each connection waits 2 ms after each response (wrk paces in whole
# milliseconds), with as many connections as that rate needs at about 0.6 ms per response.
HALF=$((SINGLE_RPS / 2))
PACED=$(( (HALF * 26 + 9999) / 10000 ))
wrk_script "$WORK/single.json" 2 > "$WORK/paced.lua"
run "single record, paced (target $HALF req/s)" "$WORK/paced.lua" 1 "$PACED"

kill -TERM "$SERVER"
wait "$SERVER" || true
SERVER=

# plum run over a file against plum run --stream over the same bytes on standard input: wall time,
# and plum's own CPU time (user + system), which a busy machine disturbs less.
for _ in $(seq $((STREAM_RECORDS / 1200))); do cat "$DATA"; done > "$WORK/stream.jsonl"
measure() { # measure FILE-OR-DASH: prints "wall_ms cpu_ms"
  local start end cpu
  start=$(date +%s%N)
  if [[ $1 == - ]]; then
    cpu=$(cat "$WORK/stream.jsonl" | /usr/bin/time -f '%U %S' "$PLUM" run --stream "$POLICY" --as-of 2026-11-23 \
      2>&1 >/dev/null | tail -1)
  else
    cpu=$(/usr/bin/time -f '%U %S' "$PLUM" run "$POLICY" "$1" --as-of 2026-11-23 2>&1 >/dev/null | tail -1)
  fi
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(echo "$cpu" | awk '{ printf "%d", ($1 + $2) * 1000 }')"
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
file_wall=(); file_cpu=(); stream_wall=(); stream_cpu=()
for _ in 1 2 3 4 5; do
  read -r wall cpu <<< "$(measure "$WORK/stream.jsonl")"; file_wall+=("$wall"); file_cpu+=("$cpu")
  read -r wall cpu <<< "$(measure -)"; stream_wall+=("$wall"); stream_cpu+=("$cpu")
done
RECORDS=$(wc -l < "$WORK/stream.jsonl")
FW=$(median "${file_wall[@]}"); FC=$(median "${file_cpu[@]}")
SW=$(median "${stream_wall[@]}"); SC=$(median "${stream_cpu[@]}")
echo "plum run over $RECORDS records (medians of 5): file ${FW} ms wall, ${FC} ms CPU;" \
  "--stream from a pipe ${SW} ms wall, ${SC} ms CPU (CPU $(( (SC - FC) * 100 / FC ))%)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
