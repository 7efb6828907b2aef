#!/usr/bin/env bash
# Backs up the system of record: the database (custom format; names, phones, emails, streets and raw
# rows are in it only encrypted) and, in ledger-only mode, the ledger journal (keys and amounts, no
# personal data). Both files are private (0600 in a 0700 folder).
#
# Not backed up, on purpose:
# - the PII and index keys: keep them in your secret store, apart from the backups, or a stolen backup
#   is a readable one;
# - the outbox (var/outbox/): delivered messages in plaintext, every sold lead's name and phone;
# - the reports (var/reports/): `plumberleads run … --rerun report` makes them again from the database.
# Usage: ops/backup.sh DEST_DIR
set -euo pipefail
umask 077
dest=${1:?usage: ops/backup.sh DEST_DIR}
home=${PLUMBERLEADS_HOME:-var}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
url=${PLUMBERLEADS_DATABASE_URL:-$(plumberleads db url)}
mkdir -p "$dest"
chmod 700 "$dest"
pg_dump --format=custom --file="$dest/plumberleads-$stamp.dump" "$url"
if [ -f "$home/ledger/payments.jsonl" ]; then
    cp "$home/ledger/payments.jsonl" "$dest/plumberleads-ledger-$stamp.jsonl"
fi
echo "backup written to $dest ($stamp): the database dump$([ -f "$dest/plumberleads-ledger-$stamp.jsonl" ] && echo " and the ledger journal")"
