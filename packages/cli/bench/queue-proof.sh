#!/usr/bin/env bash
# The queue's group-scale proof (docs/scale.md, issue #16): the 500-home month rendered by two
# `carebill worker`s on a local redis-server, the first worker SIGKILLed mid-run and replaced,
# the coordinator SIGKILLed mid-run and run again (it resumes), then `carebill verify` and a
# file-by-file comparison with the single-machine run of `pnpm bench` (bench/out/group-cli).
#
#   pnpm bench --sizes group --skip-pack     # builds, generates bench/data/group, the reference
#   bash packages/cli/bench/queue-proof.sh   # ~6 minutes on 2 cores; logs in bench/out/
#
# KILL_WORKER_AT / KILL_COORD_AT: seconds before each kill (defaults 90 and 60 after it).
set -u
cd "$(dirname "$0")/../../.."
REF=${REF:-bench/out/group-cli}
OUT=${OUT:-$PWD/bench/out/group-queue}
DATA=bench/data/group
PORT=6391
LOG=bench/out/queue-proof-logs
mkdir -p $LOG; rm -rf "$OUT"
RD=$(mktemp -d)
redis-server --port $PORT --bind 127.0.0.1 --save '' --appendonly no --dir $RD --daemonize no > $LOG/redis.log 2>&1 &
REDIS=$!
sleep 1
Q=redis://127.0.0.1:$PORT
CLI="node packages/cli/dist/bin.js"
t0=$(date +%s)
$CLI worker --queue $Q --concurrency 1 > $LOG/w1.log 2>&1 & W1=$!
$CLI worker --queue $Q --concurrency 1 > $LOG/w2.log 2>&1 & W2=$!
/usr/bin/time -v $CLI preview --data $DATA --month 2024-11 --out "$OUT" --queue $Q > $LOG/coord1.log 2>&1 & C=$!
sleep ${KILL_WORKER_AT:-90}
echo "$(($(date +%s)-t0)) s: SIGKILL worker 1 (pid $W1) and its children"
pkill -9 -P $W1; kill -9 $W1
$CLI worker --queue $Q --concurrency 1 > $LOG/w3.log 2>&1 & W3=$!
sleep ${KILL_COORD_AT:-60}
echo "$(($(date +%s)-t0)) s: SIGKILL the coordinator (pid $C)"
pkill -9 -P $C; kill -9 $C 2>/dev/null
sleep 5
echo "$(($(date +%s)-t0)) s: re-run the coordinator"
/usr/bin/time -v $CLI preview --data $DATA --month 2024-11 --out "$OUT" --queue $Q > $LOG/coord2.log 2>&1
echo "coordinator re-run exit $?"
echo "$(($(date +%s)-t0)) s: done"
redis-cli -p $PORT --scan | while read k; do echo "$k $(redis-cli -p $PORT ttl "$k")"; done | awk '$2<0' > $LOG/keys-without-ttl.txt
redis-cli -p $PORT info memory | grep -E 'used_memory_peak_human' > $LOG/redis-mem.txt
kill -TERM $W2 $W3; wait $W2 $W3 2>/dev/null
kill $REDIS; wait $REDIS 2>/dev/null; rm -rf $RD
$CLI verify "$OUT" > $LOG/verify.log 2>&1; echo "verify exit $?"
node packages/cli/bench/compare-outputs.mjs "$REF" "$OUT"
