"""Search documents built straight from the database, the same way for one course or for all."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from html import unescape

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from registry.catalogue.models import (
    AgeGroup,
    Course,
    CourseRun,
    LegalRequirement,
    Provider,
    TargetRole,
    Topic,
    course_age_groups,
    course_target_roles,
    course_topics,
)
from registry.reviews.models import QualityMark
from registry.schemes.models import SubsidyScheme, course_schemes
from registry.search.analysis import stems
from registry.search.compounds import compound_terms
from registry.search.places import place
from registry.search.thesaurus import synonym_keys

# Upper bounds of the price bands, in euro; the last band is open-ended.
PRICE_BANDS = ((250, "tot-250"), (500, "250-500"), (1000, "500-1000"), (None, "vanaf-1000"))
_TAG = re.compile(r"<[^>]+>")


def price_band(price: Decimal) -> str:
    """The price band a price falls in."""
    for upper, name in PRICE_BANDS:
        if upper is None or price < upper:
            return name
    raise AssertionError("the last band is open-ended")


def plain_text(html: str) -> str:
    """Sanitised description HTML as plain text."""
    return " ".join(unescape(_TAG.sub(" ", html)).split())


@dataclass
class SearchDocument:
    """Everything the index holds about one published course."""

    course_id: int
    fields: dict[str, str]
    facets: dict[str, object]

    def fingerprint(self) -> str:
        """A digest of the document; a stale index entry has another one."""
        payload = json.dumps([self.fields, self.facets], sort_keys=True, default=str)
        return hashlib.blake2b(payload.encode(), digest_size=12).hexdigest()


def title_pairs(title: str) -> list[str]:
    """Neighbouring stems of a title ("eerst_hulp"): a query that has them matches it as a phrase."""
    words = stems(title)
    return list(dict.fromkeys(f"{first}_{second}" for first, second in itertools.pairwise(words)))


def published_ids(connection: Connection, course_ids: Iterable[int] | None = None) -> list[int]:
    """The ids of publicly visible courses, optionally among ``course_ids``."""
    query = sa.select(Course.id).where(Course.published()).order_by(Course.id)
    if course_ids is not None:
        query = query.where(Course.id.in_(list(course_ids)))
    return list(connection.scalars(query))


def _grouped(connection: Connection, query: sa.Select) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for row in connection.execute(query):
        grouped[row[0]].append(tuple(row[1:]))
    return grouped


def _vocabulary(
    connection: Connection, link: sa.Table, model: type, ids: list[int]
) -> dict[int, list[tuple]]:
    # (slug, name) of the roles or age groups each course is linked to.
    other = next(column for column in link.c if column.name != "course_id")
    return _grouped(
        connection,
        sa.select(link.c.course_id, model.slug, model.name)
        .join(model, model.id == other)
        .where(link.c.course_id.in_(ids))
        .order_by(model.slug),
    )


def _marks_by(connection: Connection, subject: sa.Column, ids: list[int]) -> dict[int, list[tuple]]:
    return _grouped(
        connection,
        sa.select(
            subject, QualityMark.id, QualityMark.awarded_on, QualityMark.valid_until, QualityMark.status
        )
        .where(subject.in_(ids))
        .order_by(QualityMark.id),
    )


def build_documents(connection: Connection, course_ids: list[int]) -> list[SearchDocument]:
    """The documents of those ``course_ids`` that are published (others have none)."""
    ids = published_ids(connection, course_ids)
    if not ids:
        return []
    courses = connection.execute(
        sa.select(
            Course.id,
            Course.title,
            Course.summary,
            Course.description_html,
            Course.level,
            Course.delivery_mode,
            Course.price,
            Course.published_at,
            Course.certificate_type,
            Course.programme_name,
            Course.provider_id,
            Provider.name,
            LegalRequirement.code,
            LegalRequirement.name,
        )
        .join(Provider, Provider.id == Course.provider_id)
        .outerjoin(LegalRequirement, LegalRequirement.id == Course.legal_requirement_id)
        .where(Course.id.in_(ids))
        .order_by(Course.id)
    ).all()
    parent = sa.orm.aliased(Topic)
    topics = _grouped(
        connection,
        sa.select(course_topics.c.course_id, Topic.slug, Topic.name, parent.name)
        .join(Topic, Topic.id == course_topics.c.topic_id)
        .outerjoin(parent, parent.id == Topic.parent_id)
        .where(course_topics.c.course_id.in_(ids))
        .order_by(Topic.slug),
    )
    roles = _vocabulary(connection, course_target_roles, TargetRole, ids)
    ages = _vocabulary(connection, course_age_groups, AgeGroup, ids)
    schemes = _grouped(
        connection,
        sa.select(course_schemes.c.course_id, SubsidyScheme.code)
        .join(SubsidyScheme, SubsidyScheme.id == course_schemes.c.scheme_id)
        .where(course_schemes.c.course_id.in_(ids))
        .order_by(SubsidyScheme.code),
    )
    runs = _grouped(
        connection,
        sa.select(
            CourseRun.course_id,
            CourseRun.starts_on,
            CourseRun.is_online,
            CourseRun.province,
            CourseRun.city,
            CourseRun.seats,
        )
        .where(CourseRun.course_id.in_(ids))
        .order_by(CourseRun.starts_on, CourseRun.id),
    )
    course_marks = _marks_by(connection, QualityMark.course_id, ids)
    provider_marks = _marks_by(
        connection, QualityMark.provider_id, sorted({row.provider_id for row in courses})
    )
    return [
        _document(
            row,
            topics.get(row.id, []),
            roles.get(row.id, []),
            ages.get(row.id, []),
            schemes.get(row.id, []),
            runs.get(row.id, []),
            course_marks.get(row.id, []),
            provider_marks.get(row.provider_id, []),
        )
        for row in courses
    ]


def _marks(rows: list[tuple]) -> list[list]:
    # (awarded, valid_until, status, id): the state on a given day is worked out at search time.
    return sorted(
        [awarded.isoformat(), until.isoformat(), str(status), mark_id]
        for mark_id, awarded, until, status in rows
    )


def _document(row, topics, roles, ages, schemes, runs, course_marks, provider_marks) -> SearchDocument:
    topic_text = " ".join(dict.fromkeys(name for _slug, name, _p in topics))
    area_text = " ".join(dict.fromkeys(area for _slug, _name, area in topics if area))
    description = plain_text(row.description_html)
    body = " ".join(
        part
        for part in (
            description,
            " ".join(name for _slug, name in roles),
            " ".join(name for _slug, name in ages),
            row[13] or "",  # legal requirement name
            row.certificate_type,
            row.programme_name,
            " ".join(dict.fromkeys(city for _s, _o, _p, city, _n in runs if city)),
        )
        if part
    )
    title_keys = synonym_keys(row.title)
    topic_keys = synonym_keys(topic_text)
    title_heads, title_modifiers = compound_terms(f"{row.title} {topic_text}")
    text_heads, text_modifiers = compound_terms(f"{row.summary} {body}")
    fields = {
        "title": row.title,
        "topics": f"{topic_text} {area_text}".strip(),
        "summary": row.summary,
        "body": body,
        "provider": row.name,
        "syn_title": " ".join(sorted(title_keys)),
        "syn_topic": " ".join(sorted(topic_keys)),
        "syn": " ".join(sorted(title_keys | topic_keys | synonym_keys(f"{row.summary} {body}"))),
        "spell": f"{row.title} {topic_text} {row.summary}",
        "part_head": " ".join(dict.fromkeys(title_heads)),
        "part_mod": " ".join(dict.fromkeys(title_modifiers)),
        "part_text": " ".join(dict.fromkeys(text_heads + text_modifiers)),
        "title_pairs": " ".join(title_pairs(row.title)),
        "description": description,
    }
    facets = {
        "thema": sorted({slug for slug, _n, _p in topics}),
        "rol": [slug for slug, _name in roles],
        "leeftijd": [slug for slug, _name in ages],
        "vorm": [str(row.delivery_mode)],
        "niveau": [str(row.level)],
        "prijs": [price_band(row.price)],
        "regeling": [code for (code,) in schemes],
        "wettelijk": [row[12] or "geen"],
        "price": str(row.price),
        "published_at": row.published_at.isoformat() if row.published_at else "",
        "starts": sorted({starts.isoformat() for starts, *_rest in runs}),
        "runs": run_entries(runs, online_course=str(row.delivery_mode) == "online"),
        "course_marks": _marks(course_marks),
        "provider_marks": _marks(provider_marks),
    }
    return SearchDocument(row.id, fields, facets)


def run_entries(runs: list[tuple], online_course: bool) -> list[list]:
    """Each run as the index keeps it: ``[start, province or "online", city, seats, lat, lon]``.

    Province, place, start and distance filters are matched on one and the same run, so the
    document keeps its runs whole. A run's point comes from its place (shipped postcode data). An
    online course without an online run is taken online at any time: one run without a date.
    """
    entries = []
    for starts, online, province, city, seats in runs:
        where = "online" if online else str(province)
        point = None if online or not city else place(city, where)
        entries.append(
            [
                starts.isoformat(),
                where,
                "" if online else city,
                seats,
                point.lat if point else None,
                point.lon if point else None,
            ]
        )
    if online_course and not any(entry[1] == "online" for entry in entries):
        entries.append(["", "online", "", None, None, None])
    return entries


def iter_all_documents(connection: Connection, batch_size: int = 2000) -> Iterator[list[SearchDocument]]:
    """Every published course's document, in batches of ids."""
    ids = published_ids(connection)
    for start in range(0, len(ids), batch_size):
        yield build_documents(connection, ids[start : start + batch_size])
