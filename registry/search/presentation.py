"""Presenting a search: hits with their courses and snippets, facets with Dutch labels in a sensible order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy.orm import joinedload, selectinload
from whoosh import highlight

from registry.catalogue.enums import Level
from registry.catalogue.models import Course
from registry.catalogue.reference import term_names
from registry.extensions import db
from registry.search.analysis import dutch_analyzer
from registry.search.documents import PRICE_BANDS
from registry.search.facets import FACETS

if TYPE_CHECKING:
    from registry.search.execution import SearchOutcome
    from registry.search.runs import MatchedRun

SNIPPET_SOURCE_CHARS = 1200


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: list[FacetValue]


_formatter = highlight.HtmlFormatter(tagname="mark", classname="treffer", termclass="t", between=" … ")


def snippet(stored: dict[str, Any], terms: set[str]) -> str:
    """A short passage around the matched words, HTML-escaped, with ``<mark>`` around matches."""
    # The start of the description is enough for a snippet and keeps highlighting cheap.
    text = f"{stored.get('summary', '')} {stored.get('description', '')[:SNIPPET_SOURCE_CHARS]}"
    if terms:
        fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
        marked = highlight.highlight(text, terms, dutch_analyzer(), fragmenter, _formatter, top=2)
        if marked:
            return marked
    return str(escape(stored.get("summary", "")))


@dataclass(frozen=True)
class Hit:
    """A hit ready to show: the course with what the index added."""

    course: Course
    snippet: Markup
    next_start: date | None
    accreditation: str
    url: str = ""
    run: MatchedRun | None = None


def load_hits(outcome: SearchOutcome, url_for_course: Callable[[int], str]) -> list[Hit]:
    """The courses of a result page, in result order, with their snippets."""
    ids = [ranked.course_id for ranked in outcome.ranked]
    courses = {
        course.id: course
        for course in db.session.scalars(
            sa.select(Course)
            .where(Course.id.in_(ids))
            # What a result card shows: the run comes from the index, the badge from the course's marks.
            .options(joinedload(Course.provider), selectinload(Course.quality_marks))
        )
    }
    return [
        Hit(
            course=courses[ranked.course_id],
            snippet=Markup(ranked.snippet),
            next_start=ranked.next_start,
            accreditation=ranked.accreditation,
            url=url_for_course(ranked.course_id),
            run=ranked.run,
        )
        for ranked in outcome.ranked
        if ranked.course_id in courses
    ]


# Lazy, so the titles are extracted into the catalogue and shown in the reader's language.
FACET_LABELS = {
    "thema": _l("Thema"),
    "rol": _l("Functie"),
    "leeftijd": _l("Leeftijdsgroep"),
    "vorm": _l("Vorm"),
    "provincie": _l("Provincie of online"),
    "niveau": _l("Niveau"),
    "prijs": _l("Prijs"),
    "regeling": _l("Subsidie of fonds"),
    "wettelijk": _l("Wettelijke eis"),
    "accreditatie": _l("Accreditatie"),
    "keurmerk": _l("Keurmerk aanbieder"),
    "start": _l("Start binnen"),
}
_FIXED_ORDER = {
    "prijs": [name for _upper, name in PRICE_BANDS],
    "accreditatie": ["geldig", "geen", "verlopen", "geschorst", "ingetrokken"],
    "keurmerk": ["ja", "nee"],
    "start": ["maand", "kwartaal"],
    "niveau": [level.value for level in Level],
}


def facet_labels() -> dict[str, dict[str, str]]:
    """Dutch labels of every facet value, vocabularies read from the database."""
    # The vocabularies' own names, from the one place that names codes.
    labels: dict[str, dict[str, str]] = {
        "thema": term_names("topic"),
        "rol": term_names("target_role"),
        "leeftijd": term_names("age_group"),
        "regeling": term_names("scheme"),
        "wettelijk": {**term_names("legal_requirement"), "geen": _("Geen wettelijke eis")},
        "vorm": term_names("delivery_mode"),
        "provincie": {**term_names("province"), "online": _("Online")},
        "niveau": term_names("level"),
        "prijs": {
            "tot-250": _("tot € 250"),
            "250-500": _("€ 250 tot € 500"),
            "500-1000": _("€ 500 tot € 1.000"),
            "vanaf-1000": _("€ 1.000 of meer"),
        },
        "accreditatie": {
            "geldig": _("Geldig"),
            "geen": _("Niet geaccrediteerd"),
            "verlopen": _("Verlopen"),
            "geschorst": _("Geschorst"),
            "ingetrokken": _("Ingetrokken"),
        },
        "keurmerk": {"ja": _("Met geldig keurmerk"), "nee": _("Zonder geldig keurmerk")},
        "start": {"maand": _("een maand"), "kwartaal": _("drie maanden")},
    }
    return labels


def facets_for(outcome: SearchOutcome, labels: dict[str, dict[str, str]]) -> list[Facet]:
    """The facets to show: values with hits (or chosen), in a sensible order, with Dutch labels."""
    facets = []
    for name in FACETS:
        counts = outcome.facet_counts.get(name, {})
        chosen = set(outcome.filters.get(name, ()))
        names = labels.get(name, {})
        values = [
            FacetValue(value, names.get(value, value), counts.get(value, 0), value in chosen)
            for value in set(counts) | chosen
            if counts.get(value, 0) or value in chosen
        ]
        if name in _FIXED_ORDER:
            position = {value: i for i, value in enumerate(_FIXED_ORDER[name])}
            values.sort(key=lambda v: (position.get(v.value, 99), v.label))
        else:
            values.sort(key=lambda v: (-v.count, v.label))
        facets.append(Facet(name, str(FACET_LABELS[name]), values))
    return facets
