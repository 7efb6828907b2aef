#!/usr/bin/env bash
# Kills first-time `plumberleads demo` runs at random moments and checks what the next start finds:
# the demo must then finish, and the local cluster must be ours (no TCP, the socket in the home only).
# Usage: scripts/random-kill-first-setup.sh [RUNS] [MAX_DELAY_SECONDS]   (from the repository root,
# after `swift build`; uses .build/debug/plumberleads)
set -uo pipefail
runs=${1:-25}
max_delay=${2:-4}
binary=$(pwd)/.build/debug/plumberleads
[ -x "$binary" ] || { echo "build first: swift build" >&2; exit 64; }
killed=0 finished_first=0 resumed=0 open=0 failed=0
for i in $(seq 1 "$runs"); do
    home=$(mktemp -d /tmp/plumberleads-kill-XXXXXX)
    chmod 755 "$home"
    delay=$(awk -v max="$max_delay" -v seed="$RANDOM$i" 'BEGIN { srand(seed); printf "%.2f", rand() * max }')
    PLUMBERLEADS_HOME=$home "$binary" demo >"$home/first.log" 2>&1 &
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); else finished_first=$((finished_first + 1)); fi
    wait "$pid" 2>/dev/null
    where=$(grep -c "created a PostgreSQL cluster" "$home/first.log" || true)
    if PLUMBERLEADS_HOME=$home "$binary" demo >"$home/second.log" 2>&1; then
        resumed=$((resumed + 1))
    else
        failed=$((failed + 1))
        echo "run $i (killed after ${delay}s): the next demo failed: $(tail -2 "$home/second.log")"
    fi
    settings=$(PLUMBERLEADS_HOME=$home psql "$(PLUMBERLEADS_HOME=$home "$binary" db url)" -Atc \
        "SELECT current_setting('listen_addresses') || '|' || current_setting('unix_socket_directories')" 2>&1)
    if [ "$settings" != "|$home/postgres" ]; then
        open=$((open + 1))
        echo "run $i (killed after ${delay}s): the cluster is not ours: $settings"
    fi
    echo "run $i: killed after ${delay}s (first log: $where cluster created), next demo $([ -f "$home/second.log" ] && tail -1 "$home/second.log" | cut -c1-60)"
    PLUMBERLEADS_HOME=$home "$binary" db stop >/dev/null 2>&1
    rm -rf "$home"
done
echo "runs: $runs, killed mid-run: $killed, finished before the kill: $finished_first, next demo succeeded: $resumed, failed: $failed, clusters not ours: $open"
[ "$failed" -eq 0 ] && [ "$open" -eq 0 ]
