#!/usr/bin/env bash
# The report server beside nginx serving the same rendered pages from the same machine, on loopback:
# requests/s and latency (p50, p99) for the campaign report and a plumber's day of leads, 50 connections.
# Target: at least half of nginx's requests/s, p99 under 20 ms.
#
#   swift build -c release --scratch-path .build-release --product plumberleads
#   ops/bench-serve.sh [seconds]
#
# Needs wrk and nginx (Debian: apt-get install wrk nginx; the script installs them as root when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
BIN=${BIN:-.build-release/release/plumberleads}
[ -x "$BIN" ] || { echo "build it first: swift build -c release --scratch-path .build-release --product plumberleads" >&2; exit 64; }
for tool in wrk nginx; do
    if ! command -v $tool >/dev/null 2>&1 && ! [ -x /usr/sbin/$tool ]; then
        [ "$(id -u)" = 0 ] || { echo "$tool is missing: apt-get install $tool" >&2; exit 69; }
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $tool >/dev/null
    fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d)
export PLUMBERLEADS_HOME="$WORK/var"
SERVER_PORT=18080 NGINX_PORT=18081
cleanup() {
    [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    "$BIN" db stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" demo >/dev/null
"$BIN" serve --port $SERVER_PORT >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$SERVER_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# A session cookie for each account, through the login form as a browser gets it.
login() {
    local jar="$WORK/$1.jar"
    local csrf
    csrf=$(curl -fs -c "$jar" "http://127.0.0.1:$SERVER_PORT/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
    curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "email=$2" --data-urlencode "password=$3" \
        "http://127.0.0.1:$SERVER_PORT/login"
    awk '$6 == "__Host-plumberleads" { print "__Host-plumberleads=" $7 }' "$jar"
}
ADMIN=$(login admin admin@plumberleads.example "demo admin password")
PLUMBER=$(login plumber owner@pl-0001.example "demo plumber password")

# nginx serves the very pages the server renders, as files.
mkdir -p "$WORK/www"; chmod 755 "$WORK"
curl -fs -H "Cookie: $ADMIN" "http://127.0.0.1:$SERVER_PORT/admin/reports/2026-11-24" >"$WORK/www/report.html"
curl -fs -H "Cookie: $PLUMBER" "http://127.0.0.1:$SERVER_PORT/me/days/2026-11-24" >"$WORK/www/day.html"
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx.error.log;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp; uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
    server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
CONF
mkdir -p "$WORK/tmp"
chmod -R a+rX "$WORK/www"
"$NGINX" -c "$WORK/nginx.conf"

run() {  # name, url, cookie
    local out
    out=$(wrk -t2 -c50 -d"${SECONDS_PER_RUN}s" --latency ${3:+-H "Cookie: $3"} "$2")
    local rps p50 p99 errors
    rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
    p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
    p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
    errors=$(echo "$out" | awk '/Non-2xx/ { print $5 }')
    printf "%-28s %12s %10s %10s %s\n" "$1" "$rps" "$p50" "$p99" "${errors:+non-2xx: $errors}"
}
printf "%-28s %12s %10s %10s\n" "page (50 connections)" "requests/s" "p50" "p99"
run "report · plumberleads" "http://127.0.0.1:$SERVER_PORT/admin/reports/2026-11-24" "$ADMIN"
run "report · nginx (file)" "http://127.0.0.1:$NGINX_PORT/report.html"
run "day of leads · plumberleads" "http://127.0.0.1:$SERVER_PORT/me/days/2026-11-24" "$PLUMBER"
run "day of leads · nginx (file)" "http://127.0.0.1:$NGINX_PORT/day.html"
# The framework's ceiling here: a route that does nothing (no session, no page).
run "healthz · plumberleads" "http://127.0.0.1:$SERVER_PORT/healthz"
