#!/usr/bin/env bash
# Fuzzes every export reader with libFuzzer + AddressSanitizer.
# Usage: Fuzz/run.sh [SECONDS]  (default 30). New crashes are written to Fuzz/crashes/;
# copy each one into Fuzz/corpus/ once fixed, so it stays a regression case. Leak detection is off:
# the only leaks found are inside FoundationXML's error path, not in our code.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
out=.build-fuzz
mkdir -p "$out" Fuzz/crashes
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=detect_leaks=0
# One module from the sources the readers need (LeadModel's value types and Ingest), plus the harness.
files=(Sources/LeadModel/*.swift Sources/Ingest/*.swift Fuzz/IngestFuzz.swift)
tmp=$(mktemp -d)
for f in "${files[@]}"; do sed 's/^import LeadModel$//' "$f" > "$tmp/$(basename "$(dirname "$f")")-$(basename "$f")"; done
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name IngestFuzz "$tmp"/*.swift -o "$out/ingest-fuzz"
rm -rf "$tmp"
work=$(mktemp -d)
cp Fuzz/corpus/* "$work/"
"$out/ingest-fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=10 -detect_leaks=0 -artifact_prefix=Fuzz/crashes/ "$work" Fuzz/corpus
rm -rf "$work"
