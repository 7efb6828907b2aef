#!/usr/bin/env bash
# Restores a backup made by ops/backup.sh into an EMPTY database and home folder.
# Usage: ops/restore.sh DUMP_FILE FILES_TARBALL
set -euo pipefail
dump=${1:?usage: ops/restore.sh DUMP_FILE FILES_TARBALL}
files=${2:?usage: ops/restore.sh DUMP_FILE FILES_TARBALL}
home=${PLUMBERLEADS_HOME:-var}
url=${PLUMBERLEADS_DATABASE_URL:-$(plumberleads db url)}
pg_restore --exit-on-error --no-owner --dbname="$url" "$dump"
mkdir -p "$home"
tar -C "$home" -xzf "$files"
echo "restored; run \`plumberleads runs\` to see where each partition stands"
