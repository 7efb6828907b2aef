#!/usr/bin/env bash
# Backs up the database (custom format) and the files the pipeline writes (outbox, ledger journal,
# reports). The PII key is NOT backed up here: keep it in your secret store, apart from the backups.
# Usage: ops/backup.sh DEST_DIR
set -euo pipefail
dest=${1:?usage: ops/backup.sh DEST_DIR}
home=${PLUMBERLEADS_HOME:-var}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
url=${PLUMBERLEADS_DATABASE_URL:-$(plumberleads db url)}
mkdir -p "$dest"
pg_dump --format=custom --file="$dest/plumberleads-$stamp.dump" "$url"
tar -C "$home" -czf "$dest/plumberleads-files-$stamp.tar.gz" --ignore-failed-read outbox ledger reports
echo "backup written to $dest ($stamp)"
