#!/usr/bin/env bash
# Restores a backup made by ops/backup.sh into an EMPTY database and home folder. The PII and index
# keys come from your secret store (PLUMBERLEADS_PII_KEY, PLUMBERLEADS_INDEX_KEY), not from the backup.
# Usage: ops/restore.sh DUMP_FILE [LEDGER_JOURNAL]
set -euo pipefail
umask 077
dump=${1:?usage: ops/restore.sh DUMP_FILE [LEDGER_JOURNAL]}
journal=${2:-}
home=${PLUMBERLEADS_HOME:-var}
url=${PLUMBERLEADS_DATABASE_URL:-$(plumberleads db url)}
pg_restore --exit-on-error --no-owner --dbname="$url" "$dump"
if [ -n "$journal" ]; then
    mkdir -p "$home/ledger"
    cp "$journal" "$home/ledger/payments.jsonl"
fi
echo "restored; run \`plumberleads runs\` to see where each partition stands, and \`--rerun report\` for a day's report"
