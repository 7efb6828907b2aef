#!/usr/bin/env python3
"""Prints N random 10-digit numbers that pass the NANP syntax rules (NXX-NXX-XXXX, no N11 area code or
exchange, no 555-01XX): the sample `plumberleads normalize phone` is measured on.

    scripts/nanp-syntax-sample.py 10000 13 | plumberleads normalize phone | grep -c '"e164"'
"""
import random, sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
generator = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 13)
printed = 0
while printed < count:
    area = f"{generator.randint(2, 9)}{generator.randint(0, 9)}{generator.randint(0, 9)}"
    exchange = f"{generator.randint(2, 9)}{generator.randint(0, 9)}{generator.randint(0, 9)}"
    line = f"{generator.randint(0, 9999):04d}"
    if area[1:] == "11" or exchange[1:] == "11" or (exchange == "555" and line.startswith("01")):
        continue
    print(area + exchange + line)
    printed += 1
