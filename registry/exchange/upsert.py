"""One course by its provider's own code: compare with the registry, then create, change or leave it.

The file import, ``PUT .../by-code/{code}`` and the batch endpoint all go through here, and through the
catalogue's drafts service for the rules of a change: a draft changes in place, a change to a published
course becomes the proposal of the same change review a form edit opens. Runs are scheduling, not
reviewed content: they are matched on start date, online and place, so an unchanged run keeps its id
(and its OOAPI uuid); runs ahead that the provider no longer lists are removed, past runs are kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from registry.accounts.models import User
from registry.audit.service import record
from registry.catalogue import drafts
from registry.catalogue.models import Course, CourseRun, TargetRole, Topic
from registry.catalogue.permissions import require_course_creator
from registry.catalogue.schemas import CourseContentSchema, RunSchema
from registry.clock import utcnow
from registry.errors import DomainError, ValidationFailed
from registry.extensions import db
from registry.validation import load_or_fail, sanitise_html

# The content fields an import carries; fields it does not carry (schemes, age groups, ...) are untouched.
CONTENT_KEYS = (
    "title",
    "summary",
    "description_html",
    "level",
    "delivery_mode",
    "study_load_hours",
    "price",
    "language",
    "certificate_type",
    "target_roles",
    "topics",
    "course_code",
)
RUN_FIELDS = ("starts_on", "ends_on", "is_online", "city", "province", "seats", "enrolment_deadline")
_content_schema = CourseContentSchema()
_run_schema = RunSchema()

RunTuple = tuple[Any, ...]  # RUN_FIELDS' values, dumped (dates as ISO strings)


def load_content(data: dict[str, Any]) -> dict[str, Any]:
    """The catalogue's course rules on one course's content. :raise ValidationFailed: naming the fields."""
    values = load_or_fail(_content_schema, data)
    return {key: values[key] for key in CONTENT_KEYS if key in values}


def load_run(data: dict[str, Any]) -> RunTuple:
    """The catalogue's run rules on one run, as a compact tuple. :raise ValidationFailed."""
    dumped = _run_schema.dump(load_or_fail(_run_schema, data))
    return tuple(dumped.get(name) for name in RUN_FIELDS)


def content_digest(values: dict[str, Any]) -> str:
    """A fingerprint of loaded content, equal for equal content however it was written."""
    return dumped_digest(_content_schema.dump(values))


def dumped_digest(dumped: dict[str, Any]) -> str:
    """The fingerprint of content in its dumped (JSON) form, as drafts.pending_content gives it."""
    normal = {key: dumped.get(key) for key in CONTENT_KEYS}
    normal["description_html"] = sanitise_html(normal["description_html"] or "")
    normal["target_roles"] = sorted(normal["target_roles"] or [])
    normal["topics"] = sorted(normal["topics"] or [])
    return hashlib.sha256(json.dumps(normal, sort_keys=True, default=str).encode()).hexdigest()


def run_key(run: RunTuple) -> tuple[Any, ...]:
    """What makes a run the same run: its start date, online or not, and its place."""
    return (run[0], bool(run[2]), (run[3] or "").strip().lower())


class KnownLinks:
    """The target-role and topic slugs that exist, read once per import instead of once per row."""

    def __init__(self) -> None:
        self.target_roles = set(db.session.scalars(sa.select(TargetRole.slug)))
        self.topics = set(db.session.scalars(sa.select(Topic.slug)))

    def check(self, values: dict[str, Any]) -> None:
        """:raise ValidationFailed: an unknown slug, named."""
        for key, known in (("target_roles", self.target_roles), ("topics", self.topics)):
            unknown = sorted(set(values.get(key, [])) - known)
            if unknown:
                raise ValidationFailed(
                    _("Onbekende waarde gekozen."),
                    fields={key: [_("onbekend: %(values)s", values=", ".join(unknown))]},
                )


@dataclass
class Plan:
    """What importing one course would do."""

    code: str
    action: str  # "created", "changed" or "unchanged"
    course_id: int | None = None
    content_changed: bool = False
    runs_added: int = 0
    runs_changed: int = 0
    runs_removed: int = 0
    opens_review: bool = False
    notes: list[str] = field(default_factory=list)


_NOT_LOOKED_UP = object()


@dataclass
class Found:
    courses: dict[str, Course]
    reviews: dict[int, Any]
    duplicates: set[str]


def find_by_codes(provider_id: int, codes: list[str]) -> Found:
    """The provider's courses with these codes, with what a comparison reads, in a few queries."""
    courses = list(
        db.session.scalars(
            sa.select(Course)
            .where(Course.provider_id == provider_id, Course.course_code.in_(codes))
            .options(
                selectinload(Course.runs),
                selectinload(Course.topics),
                selectinload(Course.target_roles),
                selectinload(Course.age_groups),
                selectinload(Course.schemes),
                selectinload(Course.legal_requirement),
            )
        )
    )
    by_code: dict[str, Course] = {}
    duplicates = set()
    for course in courses:
        if course.course_code in by_code:
            duplicates.add(course.course_code)
        by_code[course.course_code] = course
    return Found(by_code, drafts.open_reviews(courses) if courses else {}, duplicates)


def _duplicate(code: str) -> ValidationFailed:
    return ValidationFailed(
        _(
            "De code %(code)s staat bij meer dan één van uw opleidingen; maak de codes eerst uniek.",
            code=code,
        ),
        fields={"course_code": [_("niet uniek")]},
    )


def _existing_run_tuple(run: CourseRun) -> RunTuple:
    # Built by hand rather than by RunSchema.dump: this runs for every run of every compared course.
    return (
        run.starts_on.isoformat(),
        run.ends_on.isoformat(),
        run.is_online,
        run.city,
        run.province.value if run.province else None,
        run.seats,
        run.enrolment_deadline.isoformat() if run.enrolment_deadline else None,
    )


def plan_course(
    user: User,
    provider_id: int,
    code: str,
    digest: str,
    runs: list[RunTuple] | None,
    today: date,
    found: Found | None = None,
) -> Plan:
    """Compare one course (content fingerprint and runs) with the registry, writing nothing.

    ``runs`` None leaves the runs as they are.

    :raise PermissionDenied / InvalidTransition / ValidationFailed: the course cannot be changed now.
    """
    require_course_creator(user, provider_id)
    if found is None:
        found = find_by_codes(provider_id, [code])
    if code in found.duplicates:
        raise _duplicate(code)
    course = found.courses.get(code)
    if course is None:
        return Plan(code, "created", content_changed=True, runs_added=len(runs or []))
    review = found.reviews.get(course.id)
    content_changed = dumped_digest(drafts.pending_content(course, review) | {"course_code": code}) != digest
    # The drafts service's own check (a review under way, a withdrawn course); without either there is
    # nothing it could refuse, and asking would cost two queries per course.
    if review is not None or course.status.value == "withdrawn":
        drafts.editable_course(user, course, content_change=content_changed)
    if runs is None:
        return Plan(code, "changed" if content_changed else "unchanged", course.id, content_changed)
    wanted = {run_key(run): run for run in runs}
    have = {run_key(_existing_run_tuple(run)): _existing_run_tuple(run) for run in course.runs}
    plan = Plan(code, "unchanged", course.id, content_changed)
    plan.runs_added = sum(1 for key in wanted if key not in have)
    plan.runs_changed = sum(1 for key, run in wanted.items() if key in have and have[key] != run)
    plan.runs_removed = sum(1 for key in have if key not in wanted and date.fromisoformat(key[0]) >= today)
    if content_changed or plan.runs_added or plan.runs_changed or plan.runs_removed:
        plan.action = "changed"
    plan.opens_review = content_changed and course.status.value == "published"
    return plan


COMPARE_CHUNK = 500  # courses compared with the registry per round of queries
FLUSH_EVERY = 200  # courses staged per flush: a few statements each, and the session holds one batch


def plan_many(
    user: User, provider_id: int, wanted: list[tuple[str, str, list[RunTuple] | None]], today: date
) -> Iterator[tuple[str, Plan | DomainError]]:
    """Compare many courses (code, content fingerprint, runs) with the registry, some hundreds per
    round of queries; yields each code with its plan, or with the reason it cannot be changed now."""
    require_course_creator(user, provider_id)
    for start in range(0, len(wanted), COMPARE_CHUNK):
        chunk = wanted[start : start + COMPARE_CHUNK]
        found = find_by_codes(provider_id, [code for code, _digest, _runs in chunk])
        for code, digest, runs in chunk:
            try:
                yield code, plan_course(user, provider_id, code, digest, runs, today, found)
            except DomainError as error:
                yield code, error
        # Nothing keeps the compared courses: the session holds clean objects weakly, so they go.


def stage_all(
    user: User,
    provider_id: int,
    items: Iterable[tuple[Plan, dict[str, Any], list[RunTuple] | None]],
    today: date,
) -> Staging:
    """Stage what each plan says, some hundreds of courses per flush, for the caller's unit of work
    (which commits or rolls back all). The one writer of the file import and the push endpoints."""
    require_course_creator(user, provider_id)
    staging = Staging(user, provider_id, today)
    for plan, values, runs in items:
        staging.add(plan, values, runs)
        if len(staging) >= FLUSH_EVERY:
            staging.flush()
    staging.flush()
    return staging


class Staging:
    """Stages an import's courses some hundreds at a time, for the caller's unit of work: new courses
    are inserted in one flush per batch (each still with its own audit event), changed ones are read
    for a batch in a few queries, and topics and roles are looked up once per import, not per row."""

    def __init__(self, user: User, provider_id: int, today: date) -> None:
        require_course_creator(user, provider_id)
        self.user = user
        self.provider_id = provider_id
        self.today = today
        self.created_ids: list[int] = []
        self.course_ids: dict[str, int] = {}  # code → id of every course written, new or changed
        self._links = drafts.LinkLookup()
        self._new: list[dict[str, Any]] = []
        self._changed: list[tuple[Plan, dict[str, Any], list[RunTuple] | None]] = []

    def __len__(self) -> int:
        return len(self._new) + len(self._changed)

    def add(self, plan: Plan, values: dict[str, Any], runs: list[RunTuple] | None) -> None:
        """Stage one course as ``plan`` says, at the next :meth:`flush`."""
        if plan.action == "created":
            self._new.append({**values, "runs": [_run_values(run) for run in runs or []]})
        elif plan.action == "changed":
            self._changed.append((plan, values, runs))

    def flush(self) -> None:
        """Write what was staged to the transaction, and let go of it."""
        if self._new:
            courses = drafts.stage_new_courses(self.user, self.provider_id, self._new, self._links)
            self.created_ids.extend(course.id for course in courses)
            self.course_ids.update((course.course_code, course.id) for course in courses)
        if self._changed:
            found = find_by_codes(self.provider_id, [plan.code for plan, _values, _runs in self._changed])
            # Everything the changes read is loaded above: nothing needs flushing before the batch's end.
            with db.session.no_autoflush:
                for plan, values, runs in self._changed:
                    course = found.courses.get(plan.code)
                    if course is None:  # removed since the plan was made: the unit of work reports a conflict
                        raise StaleDataError(f"course {plan.code} is gone")
                    _apply_change(
                        self.user, course, plan, values, runs, self.today, self._links, found.reviews
                    )
                    self.course_ids[plan.code] = course.id
        db.session.flush()
        self._new, self._changed = [], []


def _apply_change(
    user: User,
    course: Course,
    plan: Plan,
    values: dict[str, Any],
    runs: list[RunTuple] | None,
    today: date,
    links: drafts.LinkLookup | None = None,
    reviews: dict[int, Any] | None = None,
) -> Course:
    if plan.content_changed:
        review = drafts.editable_course(user, course, content_change=True, reviews=reviews)
        drafts.stage_content_change(user, course, review, values, changed_fields=sorted(values), links=links)
    if runs is not None and (plan.runs_added or plan.runs_changed or plan.runs_removed):
        _apply_runs(course, runs, today)
        record(
            "course.runs_imported",
            "course",
            course.id,
            actor_id=user.id,
            after={"added": plan.runs_added, "changed": plan.runs_changed, "removed": plan.runs_removed},
        )
    return course


def _run_values(run: RunTuple) -> dict[str, Any]:
    return _run_schema.load(dict(zip(RUN_FIELDS, run, strict=True)))


def _apply_runs(course: Course, runs: list[RunTuple], today: date) -> None:
    wanted = {run_key(run): run for run in runs}
    for existing in list(course.runs):
        key = run_key(_existing_run_tuple(existing))
        if key in wanted:
            for name, value in _run_values(wanted.pop(key)).items():
                if getattr(existing, name) != value:
                    setattr(existing, name, value)
        elif existing.starts_on >= today:
            course.runs.remove(existing)
    for run in wanted.values():
        course.runs.append(CourseRun(**_run_values(run)))
    course.updated_at = utcnow()
