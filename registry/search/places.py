"""Dutch places and four-digit postcodes with their coordinates, for searching near a place.

The table is open data shipped with the registry (see ``geodata/README.md`` for its source and
licence); nothing is looked up over the network.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "geodata" / "postcodes_nl.csv"
# Radii a searcher can choose, in km; the first is the default.
RADII_KM = (25, 10, 50)
# Names people use for places the source spells otherwise.
ALIASES = {
    "den haag": "'s-gravenhage",
    "the hague": "'s-gravenhage",
    "den bosch": "'s-hertogenbosch",
    "s-hertogenbosch": "'s-hertogenbosch",
    "s-gravenhage": "'s-gravenhage",
}
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*(?:[a-zA-Z]{2})?\s*$")
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Place:
    """A named point: a place or a postcode area."""

    name: str
    province: str
    lat: float
    lon: float


def normalise(name: str) -> str:
    """A place name folded for lookup: lower case, no accents, one kind of apostrophe, single spaces."""
    folded = unicodedata.normalize("NFKD", name.replace("’", "'").replace("`", "'"))
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = " ".join(folded.casefold().split())
    return ALIASES.get(folded, folded)


@cache
def _table() -> tuple[dict[str, Place], dict[str, dict[str, tuple[int, Place]]]]:
    postcodes: dict[str, list[tuple[str, str, float, float]]] = defaultdict(list)
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    spelling: dict[str, str] = {}
    with DATA_FILE.open(encoding="utf-8") as source:
        for row in csv.DictReader(source):
            lat, lon = float(row["lat"]), float(row["lon"])
            postcodes[row["postcode"]].append((row["plaats"], row["provincie"], lat, lon))
            key = normalise(row["plaats"])
            points[(key, row["provincie"])].append((lat, lon))
            spelling.setdefault(key, row["plaats"])
    by_postcode = {
        code: Place(
            code,
            rows[0][1],
            round(sum(r[2] for r in rows) / len(rows), 4),
            round(sum(r[3] for r in rows) / len(rows), 4),
        )
        for code, rows in postcodes.items()
    }
    # Per name and province: how many postcode areas, and the mean of their centre points.
    by_place: dict[str, dict[str, tuple[int, Place]]] = defaultdict(dict)
    for (key, province), coordinates in points.items():
        lat = sum(c[0] for c in coordinates) / len(coordinates)
        lon = sum(c[1] for c in coordinates) / len(coordinates)
        by_place[key][province] = (
            len(coordinates),
            Place(spelling[key], province, round(lat, 4), round(lon, 4)),
        )
    return by_postcode, dict(by_place)


def place(name: str, province: str | None = None) -> Place | None:
    """The point of a place by name, in ``province`` when the name occurs in several provinces."""
    found = _table()[1].get(normalise(name))
    if not found:
        return None
    if province in found:
        return found[province][1]
    # The province with most postcode areas of that name: the town rather than a hamlet.
    return max(found.values(), key=lambda entry: (entry[0], entry[1].province))[1]


def locate(text: str) -> Place | None:
    """The point of what a searcher typed: a postcode ("3511", "3511 AB") or a place name."""
    postcode = _POSTCODE.match(text)
    if postcode:
        return _table()[0].get(postcode.group(1))
    return place(text)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in km (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
