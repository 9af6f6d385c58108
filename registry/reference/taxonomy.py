"""Officials keep the taxonomy current: add, rename, merge (courses follow) and retire terms."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from registry.accounts.models import User
from registry.audit.official_edits import CREATED, note_official_edit
from registry.audit.service import record
from registry.catalogue.models import Course
from registry.errors import NotFound, ValidationFailed
from registry.extensions import db
from registry.reference.loader import conflicts_of
from registry.reference.official import apply_official_change
from registry.reference.permissions import require_reference_maintainer
from registry.reference.vocabularies import AGE_GROUPS, ROLES, TOPICS, Vocabulary
from registry.text import slugify
from registry.transactions import unit_of_work

# URL name -> (vocabulary, the Course relationship that holds the terms)
KINDS: dict[str, tuple[Vocabulary, str]] = {
    "themas": (TOPICS, "topics"),
    "functies": (ROLES, "target_roles"),
    "leeftijden": (AGE_GROUPS, "age_groups"),
}


def _kind(kind: str) -> tuple[Vocabulary, str]:
    if kind not in KINDS:
        raise NotFound(_("Deze lijst bestaat niet."))
    return KINDS[kind]


def _term(vocabulary: Vocabulary, slug: str) -> Any:
    term = vocabulary.find(slug)
    if term is None:
        raise NotFound(_("Deze term bestaat niet."))
    return term


def _name(data: dict[str, Any]) -> str:
    name = (data.get("name") or "").strip()
    if not 2 <= len(name) <= 120:
        raise ValidationFailed(
            _("Vul een naam in van 2 tot 120 tekens."), fields={"name": [_("2 tot 120 tekens.")]}
        )
    return name


def taxonomy_for_officials(user: User | None) -> dict[str, Any]:
    """Every term of every list with how many courses use it, and the data files' conflicts.

    :raise PermissionDenied: not an official or admin.
    """
    require_reference_maintainer(user)
    lists = {}
    for kind, (vocabulary, relation) in KINDS.items():
        link = getattr(Course, relation)
        uses = dict(
            db.session.execute(
                sa.select(vocabulary.model.id, sa.func.count(Course.id))
                .join(
                    link.property.secondary,
                    link.property.secondary.c[f"{vocabulary.name}_id"] == vocabulary.model.id,
                )
                .join(Course, Course.id == link.property.secondary.c.course_id)
                .group_by(vocabulary.model.id)
            ).all()
        )
        terms = list(db.session.scalars(sa.select(vocabulary.model).order_by(vocabulary.model.name)))
        lists[kind] = [(term, uses.get(term.id, 0)) for term in terms]
    conflicts = [c for vocabulary, _r in KINDS.values() for c in conflicts_of(vocabulary)]
    return {"lists": lists, "conflicts": conflicts}


def add_term(user: User | None, kind: str, data: dict[str, Any]) -> str:
    """An official adds a term (kept by `reference load`, which never retires it); returns its slug.

    :raise PermissionDenied: not an official or admin.
    :raise ValidationFailed: no usable name, or the term exists already.
    """
    require_reference_maintainer(user)
    vocabulary, _relation = _kind(kind)
    name = _name(data)
    slug = slugify(name)[:80]
    if vocabulary.find(slug) is not None:
        raise ValidationFailed(_("Deze term bestaat al."), fields={"name": [_("Deze term bestaat al.")]})
    term = vocabulary.model(slug=slug, name=name)
    if vocabulary is TOPICS and data.get("parent"):
        term.parent = _term(TOPICS, data["parent"])
    with unit_of_work():
        db.session.add(term)
        db.session.flush()
        record(
            f"{vocabulary.name}.added",
            vocabulary.name,
            term.id,
            actor_id=user.id,
            after={"slug": slug, "name": name},
        )
        note_official_edit(vocabulary.name, slug, [CREATED], user.id)
    return slug


def rename_term(user: User | None, kind: str, slug: str, data: dict[str, Any]) -> list[str]:
    """An official renames a term; the courses using it show the new name at once.

    :raise PermissionDenied: not an official or admin.
    :raise NotFound: no such term.
    :raise ValidationFailed: no usable name.
    """
    require_reference_maintainer(user)
    vocabulary, _relation = _kind(kind)
    return apply_official_change(vocabulary, _term(vocabulary, slug), {"name": _name(data)}, user)


def retire_term(user: User | None, kind: str, slug: str, today: date) -> list[str]:
    """An official retires a term: courses keep it, new courses can no longer pick it.

    :raise PermissionDenied: not an official or admin.
    :raise NotFound: no such term.
    """
    require_reference_maintainer(user)
    vocabulary, _relation = _kind(kind)
    return apply_official_change(vocabulary, _term(vocabulary, slug), {"retired_on": today}, user)


def merge_terms(user: User | None, kind: str, slug: str, into: str, today: date) -> int:
    """Move every course from one term to another and retire the first; returns how many courses moved.

    :raise PermissionDenied: not an official or admin.
    :raise NotFound: either term does not exist.
    :raise ValidationFailed: a term cannot be merged into itself.
    """
    require_reference_maintainer(user)
    vocabulary, relation = _kind(kind)
    source, target = _term(vocabulary, slug), _term(vocabulary, into)
    if source.id == target.id:
        raise ValidationFailed(
            _("Kies twee verschillende termen om samen te voegen."),
            fields={"into": [_("Kies een andere term.")]},
        )
    link = getattr(Course, relation)
    courses = list(
        db.session.scalars(sa.select(Course).where(link.any(id=source.id)).options(selectinload(link)))
    )
    with unit_of_work():
        for course in courses:
            terms = getattr(course, relation)
            terms.remove(source)
            if target not in terms:
                terms.append(target)
        source.retired_on = today
        db.session.flush()
        record(
            f"{vocabulary.name}.merged",
            vocabulary.name,
            source.id,
            actor_id=user.id,
            before={"slug": source.slug, "courses": [course.id for course in courses]},
            after={"merged_into": target.slug, "retired_on": today.isoformat()},
        )
        note_official_edit(vocabulary.name, source.slug, ["retired_on"], user.id)
    return len(courses)
