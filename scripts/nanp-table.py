#!/usr/bin/env python3
"""Regenerates Sources/Enrich/Resources/nanp-area-codes.csv: every NANP area code in service with its
country or territory, its state or province, its time zones and its kind (geographic, overlay,
non-geographic), from Google's libphonenumber metadata (Apache License 2.0).

    scripts/nanp-table.py                       # downloads libphonenumber's resources at the pinned commit
    scripts/nanp-table.py --source DIR          # a libphonenumber checkout (its resources/ folder is read)

Where the data comes from, and how each column is derived: Sources/Enrich/Resources/NANP-AREA-CODES.md.
"""
import argparse, collections, csv, io, os, re, sys, tarfile, urllib.request
import xml.etree.ElementTree as ET

# The libphonenumber commit the shipped table was made from (2026-07-17).
COMMIT = "f7e3e88c92b905c8d6edb81f336dbe25edc05b52"
URL = f"https://github.com/google/libphonenumber/archive/{COMMIT}.tar.gz"
FILES = ["resources/PhoneNumberMetadata.xml", "resources/geocoding/en/1.txt", "resources/timezones/map_data.txt"]

STATES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA", "Colorado": "CO",
    "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID",
    "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA",
    "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI", "Minnesota": "MN",
    "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE", "Nevada": "NV",
    "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM", "New York": "NY", "North Carolina": "NC",
    "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA",
    "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX",
    "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington": "WA", "Washington D.C.": "DC",
    "Washington, D.C.": "DC", "District of Columbia": "DC", "West Virginia": "WV", "Wisconsin": "WI",
    "Wyoming": "WY", "Washington State": "WA",
}
PROVINCES = {
    "Alberta": "AB", "British Columbia": "BC", "Manitoba": "MB", "New Brunswick": "NB",
    "Newfoundland and Labrador": "NL", "Newfoundland": "NL", "Nova Scotia": "NS", "Ontario": "ON",
    "Prince Edward Island": "PE", "Quebec": "QC", "Saskatchewan": "SK", "Northwest Territories": "NT",
    "Nunavut": "NU", "Yukon": "YT", "British Colombia": "BC",
}
ABBREVIATIONS = set(STATES.values()) | set(PROVINCES.values())


def read_sources(source):
    if source:
        return {name: open(os.path.join(source, name), encoding="utf-8").read() for name in FILES}
    with urllib.request.urlopen(URL) as response:
        archive = tarfile.open(fileobj=io.BytesIO(response.read()), mode="r:gz")
    texts = {}
    for member in archive.getmembers():
        for name in FILES:
            if member.name.endswith("/" + name):
                texts[name] = archive.extractfile(member).read().decode("utf-8")
    return texts


def pattern(element):
    return re.sub(r"\s+", "", element.text) if element is not None and element.text else None


def codes_matching(regex, candidates=None, lines=("0000", "0100", "9999", "7890", "5555")):
    """The area codes (of `candidates`, default 200–999) that begin some 10-digit number `regex` matches,
    tried with every exchange 200–999 and a few line numbers."""
    compiled = re.compile(f"(?:{regex})")
    found = set()
    for code in candidates if candidates is not None else (str(area) for area in range(200, 1000)):
        for exchange in range(200, 1000):
            if any(compiled.fullmatch(code + str(exchange) + line) for line in lines):
                found.add(code)
                break
    return found


def regions_from(description):
    """`New Jersey` → NJ; `Nova Scotia/Prince Edward Island` → NS PE; `Jersey City, NJ` → NJ."""
    names = [part.strip() for part in description.split("/")]
    out = []
    for name in names:
        if name in STATES:
            out.append(STATES[name])
        elif name in PROVINCES:
            out.append(PROVINCES[name])
        else:
            suffix = name.rsplit(",", 1)[-1].strip() if "," in name else ""
            if suffix in ABBREVIATIONS:
                out.append(suffix)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", help="a libphonenumber checkout; default: download " + COMMIT[:12])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "Sources/Enrich/Resources/nanp-area-codes.csv"))
    args = parser.parse_args()
    texts = read_sources(args.source)

    # 1. The country or territory of each geographic code, from the metadata's territories of +1.
    root = ET.fromstring(texts["resources/PhoneNumberMetadata.xml"])
    country = {}
    nongeographic = {}
    for territory in root.iter("territory"):
        if territory.get("countryCode") != "1":
            continue
        region = territory.get("id")
        leading = territory.get("leadingDigits")
        lines = pattern(territory.find("fixedLine/nationalNumberPattern")) + "|" + pattern(territory.find("mobile/nationalNumberPattern"))
        if leading:  # a territory's own codes are its leading digits that fixed lines or mobiles use
            for code in codes_matching(lines, candidates=codes_matching(f"(?:{leading})\\d*")):
                country[code] = region
        else:  # US and CA list their codes in the fixed-line and mobile patterns
            for code in codes_matching(lines):
                country.setdefault(code, region)
        if region not in ("US", "CA"):
            continue  # a territory's toll-free and premium patterns mix its own local ranges in
        for kind, label in [("tollFree", "toll-free"), ("premiumRate", "premium"), ("personalNumber", "personal"), ("uan", "non-geographic")]:
            regex = pattern(territory.find(f"{kind}/nationalNumberPattern"))
            if regex:
                for code in codes_matching(regex):
                    nongeographic.setdefault(code, label)
    # A non-geographic code is nobody's area (5XX, 8XX and 900 are shared by every NANP country).
    for code in nongeographic:
        country.pop(code, None)

    # 2. States and provinces, and the cities behind each code, from the English geocoding data.
    regions = collections.defaultdict(collections.Counter)  # from exchanges' places
    code_regions = {}  # from the code's own entry, which wins
    cities = collections.defaultdict(set)
    for line in texts["resources/geocoding/en/1.txt"].splitlines():
        if not line or line.startswith("#") or "|" not in line:
            continue
        prefix, description = line.split("|", 1)
        code = prefix[1:4]
        if len(prefix) == 4:
            code_regions[code] = sorted(regions_from(description))
        for region in regions_from(description):
            regions[code][region] += 1
        if len(prefix) >= 7:
            cities[code].add(description)

    # 3. Time zones, from the time zone map (a code split between zones lists each).
    zones = collections.defaultdict(set)
    for line in texts["resources/timezones/map_data.txt"].splitlines():
        if not line.startswith("1") or "|" not in line:
            continue
        prefix, names = line.split("|", 1)
        if len(prefix) >= 4:
            zones[prefix[1:4]].update(names.split("&"))

    # 4. Overlays: a code most of whose places another code of the same state or province also serves.
    def region_of(code):
        if country[code] in ("US", "CA"):
            if code_regions.get(code):
                return " ".join(code_regions[code])
            ranked = regions[code].most_common()
            if not ranked:
                return ""
            top = ranked[0][1]
            return " ".join(sorted(r for r, n in ranked if n >= top))
        return country[code]

    placed = {code: region_of(code) for code in country}
    overlay = set()
    for code in country:
        own = cities[code]
        if len(own) < 3:
            continue
        for other in country:
            if other != code and placed[other] == placed[code] and len(own & cities[other]) >= 0.5 * len(own):
                overlay.add(code)
                overlay.add(other)

    rows = []
    for code in sorted(country):
        rows.append([code, country[code], placed[code], "overlay" if code in overlay else "geographic", " ".join(sorted(zones.get(code, [])))])
    for code in sorted(nongeographic):
        rows.append([code, "NANP", "", nongeographic[code], ""])
    rows.sort()
    missing = [row for row in rows if row[1] != "NANP" and (not row[2] or not row[4])]
    if missing:
        print("codes without a region or a time zone:", ", ".join(f"{r[0]} ({r[1]})" for r in missing), file=sys.stderr)
    with open(args.out, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["area_code", "country", "region", "kind", "time_zones"])
        writer.writerows(rows)
    counts = collections.Counter(row[1] for row in rows)
    print(f"{len(rows)} area codes: " + ", ".join(f"{c} {n}" for c, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))))


if __name__ == "__main__":
    main()
