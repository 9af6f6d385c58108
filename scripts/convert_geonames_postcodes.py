"""Convert the GeoNames postal-code file of the Netherlands (NL.txt) into the registry's postcode table.

Usage: python scripts/convert_geonames_postcodes.py NL.txt > registry/search/geodata/postcodes_nl.csv

Keeps the four-digit postcode, the place, the province (as the registry's province slug) and the
centroid rounded to four decimals (about 10 m), which is all a distance search needs.
"""

import csv
import sys

PROVINCES = {
    "Drenthe": "drenthe",
    "Flevoland": "flevoland",
    "Friesland": "friesland",
    "Groningen": "groningen",
    "Guelders": "gelderland",
    "Limburg": "limburg",
    "North Brabant": "noord-brabant",
    "North Holland": "noord-holland",
    "Overijssel": "overijssel",
    "South Holland": "zuid-holland",
    "Utrecht": "utrecht",
    "Zeeland": "zeeland",
}


def main(path: str) -> None:
    rows = set()
    with open(path, encoding="utf-8") as source:
        for line in source:
            fields = line.rstrip("\n").split("\t")
            province = PROVINCES.get(fields[3])
            if province is None or not fields[9]:
                continue
            rows.add((fields[1], fields[2], province, f"{float(fields[9]):.4f}", f"{float(fields[10]):.4f}"))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["postcode", "plaats", "provincie", "lat", "lon"])
    out.writerows(sorted(rows))


if __name__ == "__main__":
    main(sys.argv[1])
