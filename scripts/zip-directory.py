#!/usr/bin/env python3
"""Regenerates Sources/Enrich/Resources/zip-directory.csv from the MIT-licensed `zipcodes` package (PyPI).

    pip install --target /tmp/zipcodes-lib zipcodes==3.0.0
    PYTHONPATH=/tmp/zipcodes-lib python3 scripts/zip-directory.py > Sources/Enrich/Resources/zip-directory.csv

See Sources/Enrich/Resources/ZIP-DIRECTORY.md for provenance and licenses.
"""
import csv
import sys

import zipcodes

writer = csv.writer(sys.stdout, lineterminator="\n")
writer.writerow(["zip", "type", "state", "city", "other_cities", "latitude", "longitude", "time_zone", "active"])
for z in sorted(zipcodes.list_all(), key=lambda z: z["zip_code"]):
    writer.writerow([
        z["zip_code"], z["zip_code_type"], z["state"], z["city"], ";".join(z["acceptable_cities"]),
        z["lat"], z["long"], z["timezone"], "1" if z["active"] else "0",
    ])
