"""The schema.org JSON-LD of a course, checked against the vocabulary of the types it claims."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from tests.feed import schema_org

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")
NUMBER = re.compile(r"^\d+(\.\d+)?$")


def value_fits(value: Any, ranges: set[str]) -> bool:
    """Whether one value fits one of a property's schema.org ranges."""
    if isinstance(value, dict):
        return value.get("@type") in ranges | ({"Place", "VirtualLocation"} if "Thing" in ranges else set())
    if not isinstance(value, str):
        return isinstance(value, int | float) and bool({"Number", "Integer"} & ranges)
    checks = {
        "Text": lambda v: True,
        "URL": lambda v: v.startswith(("http://", "https://")),
        "Date": lambda v: bool(DATE.match(v)) and date.fromisoformat(v) is not None,
        "DateTime": lambda v: "T" in v,
        "Duration": lambda v: bool(DURATION.match(v)),
        "Number": lambda v: bool(NUMBER.match(v)),
    }
    return any(checks[name](value) for name in ranges if name in checks)


def problems(node: dict[str, Any], path: str = "$") -> list[str]:
    """Everything in ``node`` (recursively) that its schema.org type does not allow or misses."""
    kind = node.get("@type")
    if kind not in schema_org.TYPES:
        return [f"{path}: unknown @type {kind!r}"]
    allowed = schema_org.TYPES[kind]
    found = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in allowed:
            found.append(f"{path}.{name}: not a property of {kind}")
            continue
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}.{name}[{index}]"
            if not value_fits(item, allowed[name]):
                found.append(f"{where}: {item!r} is not one of {sorted(allowed[name])}")
            elif isinstance(item, dict):
                found += problems(item, where)
    for alternatives in schema_org.REQUIRED.get(kind, []):
        if not any(node.get(name) not in (None, "", []) for name in alternatives):
            found.append(f"{path}: {kind} needs {' or '.join(sorted(alternatives))}")
    return found


def test_the_validator_catches_what_schema_org_does_not_allow():
    bad = {
        "@type": "Course",
        "name": "x",
        "provider": {"@type": "Organization", "name": "y"},
        "price": "10",  # belongs on the Offer
        "hasCourseInstance": [{"@type": "CourseInstance", "courseMode": "Online", "startDate": "morgen"}],
    }
    assert problems(bad) == [
        "$.price: not a property of Course",
        "$.hasCourseInstance[0].startDate[0]: 'morgen' is not one of ['Date', 'DateTime']",
        "$.hasCourseInstance[0]: CourseInstance needs courseSchedule or courseWorkload",
        "$: Course needs description",
    ]


def test_the_course_document_is_valid_schema_org(client, catalogue):
    response = client.get(f"/api/v1/courses/{catalogue.ehbo.id}", headers={"Accept": "application/ld+json"})
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    assert "Accept" in {header.strip() for header in response.headers["Vary"].split(",")}
    document = response.get_json(force=True)
    assert document["@context"] == "https://schema.org" and document["@type"] == "Course"
    assert problems(document) == []
    assert document["courseCode"] == "EHBO-1" and document["provider"]["name"] == "Academie Kindwijs"
    assert document["financialAidEligible"] == ["O&O-fonds", "STAP-budget"]
    instances = document["hasCourseInstance"]
    assert [(i["courseMode"], i["location"]["@type"]) for i in instances] == [
        ("Blended", "Place"),
        ("Online", "VirtualLocation"),
    ]
    assert instances[0]["location"]["address"]["addressRegion"] == "Overijssel"
    assert document["offers"] == [
        {
            "@type": "Offer",
            "category": "Paid",
            "price": "149.50",
            "priceCurrency": "EUR",
            "url": document["@id"],
        }
    ]


def test_a_free_online_course_is_valid_too(client, catalogue):
    document = client.get(
        f"/api/v1/courses/{catalogue.online.id}", headers={"Accept": "application/ld+json"}
    ).get_json(force=True)
    assert problems(document) == []
    assert document["offers"][0]["category"] == "Free"


def test_plain_json_stays_the_default(client, catalogue):
    response = client.get(f"/api/v1/courses/{catalogue.ehbo.id}", headers={"Accept": "*/*"})
    assert response.mimetype == "application/json" and "@context" not in response.get_json()


def test_the_course_page_embeds_the_same_document_as_a_data_block(client, catalogue):
    page = client.get(f"/opleidingen/{catalogue.ehbo.id}").get_data(as_text=True)
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    embedded = json.loads(blocks[0])
    served = client.get(
        f"/api/v1/courses/{catalogue.ehbo.id}", headers={"Accept": "application/ld+json"}
    ).get_json(force=True)
    assert embedded == served
    assert "<script>" not in page  # no executable inline script, as the CSP demands
