"""Providers maintain their offer: draft courses, edits of published ones, runs, submission, renewal.

A published course stays public as approved: edits to it are kept as the proposal of an open review
and only reach the course when that review is approved.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from registry.accounts.models import User
from registry.accounts.permissions import checked_by_caller
from registry.audit.service import record
from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import (
    AgeGroup,
    Course,
    CourseRun,
    LegalRequirement,
    Provider,
    TargetRole,
    Topic,
)
from registry.catalogue.permissions import (
    require_course_creator,
    require_course_manager,
    require_course_viewer,
    require_offer_manager,
    require_provider_account,
)
from registry.catalogue.schemas import CourseContentSchema, CourseInputSchema, RunSchema
from registry.catalogue.submission import submission_blockers
from registry.clock import today, utcnow
from registry.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from registry.extensions import db
from registry.reviews.models import OPEN_FOR_EDITS, UNDER_REVIEW, Review, ReviewState, SubjectType
from registry.reviews.workflow import apply_transition
from registry.schemes.models import SubsidyScheme
from registry.text import slugify
from registry.transactions import unit_of_work
from registry.validation import load_or_fail

SCALAR_FIELDS = (
    "title",
    "summary",
    "description_html",
    "level",
    "delivery_mode",
    "study_load_hours",
    "price",
    "language",
    "certificate_type",
    "programme_name",
    "cross_over_sectors",
    "course_code",
)
# Link fields: (content key, relationship, model, key column)
LINK_FIELDS = (
    ("topics", "topics", Topic, "slug"),
    ("target_roles", "target_roles", TargetRole, "slug"),
    ("age_groups", "age_groups", AgeGroup, "slug"),
    ("schemes", "schemes", SubsidyScheme, "code"),
)
_content_schema = CourseContentSchema()


# -- reading -------------------------------------------------------------------------------------


def own_course(user: User | None, course_id: int) -> tuple[Course, Review | None]:
    """A course as its provider (or an official) sees it, with its open review if any.

    :raise NotFound: no such course, or not the user's.
    """
    course = require_course_viewer(user, course_id)
    return course, open_review(course)


def providers_of(user: User | None) -> list[Provider]:
    """The providers a provider account works for.

    :raise PermissionDenied: the user is not a provider account.
    """
    require_provider_account(user)
    return list(user.providers)


def own_courses(user: User | None, provider_id: int) -> list[Course]:
    """All courses of a provider, every status, for its members.

    :raise PermissionDenied: the user is not a member of the provider.
    """
    require_offer_manager(user, provider_id, _("U bent geen medewerker van deze aanbieder."))
    return list(
        db.session.scalars(sa.select(Course).where(Course.provider_id == provider_id).order_by(Course.title))
    )


def open_review(course: Course) -> Review | None:
    """The course's review that has not been decided yet, if any."""
    return open_reviews([course]).get(course.id)


def open_reviews(courses: list[Course]) -> dict[int, Review]:
    """The undecided review of each course that has one, in one query (for lists of courses)."""
    found: dict[int, Review] = {}
    for review in db.session.scalars(
        sa.select(Review)
        .where(Review.course_id.in_([c.id for c in courses]), Review.state.in_(OPEN_FOR_EDITS | UNDER_REVIEW))
        .order_by(Review.id)
    ):
        found[review.course_id] = review  # the newest wins
    return found


def _content_values(course: Course) -> dict[str, Any]:
    values: dict[str, Any] = {field: getattr(course, field) for field in SCALAR_FIELDS}
    for key, relationship, _model, column in LINK_FIELDS:
        values[key] = sorted(getattr(item, column) for item in getattr(course, relationship))
    values["legal_requirement"] = course.legal_requirement.code if course.legal_requirement else None
    return values


def course_content(course: Course) -> dict[str, Any]:
    """The reviewable content of a course, as JSON-ready values with slugs and codes for links."""
    return _content_schema.dump(_content_values(course))


def course_for_owner(course: Course, review: Review | None) -> dict[str, Any]:
    """Everything a provider sees of its own course, ready for OwnCourseSchema."""
    return {
        **_content_values(course),
        "id": course.id,
        "provider_id": course.provider_id,
        "status": course.status.value,
        "version": course.version,
        "runs": course.runs,
        "open_review": review,
    }


# -- changing ------------------------------------------------------------------------------------


def create_course(user: User | None, provider_id: int, data: dict[str, Any]) -> Course:
    """Create a draft course (with runs) for a provider the user works for.

    :raise PermissionDenied: the user is not a member of the provider.
    :raise ValidationFailed: the input breaks a rule; nothing is saved.
    """
    require_course_creator(user, provider_id)
    values = load_or_fail(CourseInputSchema(), data)
    with unit_of_work():
        course = stage_new_course(user, provider_id, values)
    return course


def stage_new_course(user: User | None, provider_id: int, values: dict[str, Any]) -> Course:
    """Add a draft course from loaded ``values`` to the session, for the caller's unit of work.

    :raise PermissionDenied: the user may not create courses for this provider.
    """
    return stage_new_courses(user, provider_id, [values])[0]


def stage_new_courses(
    user: User | None, provider_id: int, batch: list[dict[str, Any]], links: LinkLookup | None = None
) -> list[Course]:
    """Add draft courses from loaded values, flushed together and each audited, for the caller's unit
    of work (a bulk import stages hundreds per call; ``links`` keeps its lookups between calls).

    :raise PermissionDenied: the user may not create courses for this provider.
    """
    require_course_creator(user, provider_id)
    links = links or LinkLookup()
    courses = []
    with db.session.no_autoflush:  # the lookups must not flush half-filled courses
        for values in batch:
            # By id, not through Provider.courses: that collection would hold every course staged.
            course = Course(provider_id=provider_id, status=CourseStatus.DRAFT, slug="")
            _apply_content(course, values, links)
            course.runs = [CourseRun(**run) for run in values.get("runs", [])]
            db.session.add(course)
            courses.append(course)
    db.session.flush()  # one flush for the batch: the ids the audit events name
    for course in courses:
        record("course.created", "course", course.id, actor_id=user.id, after={"title": course.title})
    return courses


def update_course(
    user: User | None, course_id: int, data: dict[str, Any], *, version: int | None = None
) -> Course:
    """Change a course. Drafts change in place; a published course gets a proposal for review.

    :raise NotFound / PermissionDenied: not the user's course.
    :raise InvalidTransition: the course is being reviewed right now, or withdrawn.
    :raise Conflict: ``version`` is stale.
    :raise ValidationFailed: the input breaks a rule; nothing is saved.
    """
    course = require_course_manager(user, course_id, _edit_refusal())
    values = load_or_fail(CourseInputSchema(), data, partial=True)
    runs = values.pop("runs", None)
    # Runs are scheduling, not reviewed content: they may change while a review is under way.
    review = _editable_review(course, version, content_change=bool(values))
    with unit_of_work(
        _("Iemand anders heeft deze opleiding net gewijzigd; uw wijziging is niet opgeslagen.")
    ):
        if runs is not None:
            course.runs = [CourseRun(**run) for run in runs]
        stage_content_change(user, course, review, values, changed_fields=sorted(data))
    return course


def editable_course(
    user: User | None, course: Course, *, content_change: bool, reviews: dict[int, Review] | None = None
) -> Review | None:
    """The course's open review, after checking the user may change it now (for bulk imports, which
    may pass the open ``reviews`` of a batch of courses as :func:`open_reviews` read them).

    :raise PermissionDenied / InvalidTransition: as for a form edit.
    """
    require_course_manager(user, course.id, _edit_refusal())
    return _editable_review(course, None, content_change=content_change, reviews=reviews)


@checked_by_caller  # the form edit and the import check first (require_course_manager)
def stage_content_change(
    user: User,
    course: Course,
    review: Review | None,
    values: dict[str, Any],
    *,
    changed_fields: list[str],
    links: LinkLookup | None = None,
) -> None:
    """Stage loaded content ``values`` as a form edit does, for the caller's unit of work: a draft
    changes in place, a published course gets (or extends) the proposal of a change review."""
    if values and course.status is CourseStatus.PUBLISHED:
        review = review or _new_review(course)
        proposal = {**(review.proposal or course_content(course)), **_content_schema.dump(values)}
        _check_links(proposal, links)
        review.proposal = proposal
    elif values:
        with db.session.no_autoflush:
            _apply_content(course, values, links)
    course.updated_at = utcnow()  # bumps the version too, so concurrent edits of runs are caught
    record("course.updated", "course", course.id, actor_id=user.id, after={"fields": changed_fields})


def pending_content(course: Course, review: Review | None) -> dict[str, Any]:
    """The content a provider last gave: the open proposal of a published course, else the course."""
    if course.status is CourseStatus.PUBLISHED and review is not None and review.proposal:
        return review.proposal
    return course_content(course)


def add_run(user: User | None, course_id: int, data: dict[str, Any]) -> CourseRun:
    """Schedule one more run; scheduling never waits for a review, and other runs keep their ids."""
    course = require_course_manager(user, course_id, _edit_refusal())
    _editable_review(course, None, content_change=False)
    values = load_or_fail(RunSchema(), data)
    with unit_of_work():
        run = CourseRun(course=course, **values)
        db.session.add(run)
        course.updated_at = utcnow()
        db.session.flush()
        record("course.run_added", "course", course.id, actor_id=user.id, after={"run_id": run.id})
    return run


def remove_run(user: User | None, course_id: int, run_id: int) -> None:
    """Cancel one run of one's own course."""
    course = require_course_manager(user, course_id, _edit_refusal())
    _editable_review(course, None, content_change=False)
    run = next((run for run in course.runs if run.id == run_id), None)
    if run is None:
        raise NotFound(_("Deze uitvoering hoort niet bij deze opleiding."))
    with unit_of_work():
        course.runs.remove(run)
        course.updated_at = utcnow()
        record(
            "course.run_removed",
            "course",
            course.id,
            actor_id=user.id,
            before={"run_id": run_id, "starts_on": run.starts_on.isoformat()},
        )


def submit_course(user: User | None, course_id: int, *, import_batch: str | None = None) -> Review:
    """Send a course (or the pending changes to a published one) for review; ``import_batch`` names the
    import it was submitted with, so officials see the batch together.

    :raise ValidationFailed: no run ahead, or a named scheme has ended (see ``submission``).
    """
    course = require_course_manager(user, course_id, _("Alleen de aanbieder kan een opleiding indienen."))
    review = open_review(course)
    blockers = submission_blockers(course, pending_content(course, review), today())
    if blockers:
        raise ValidationFailed(_("De opleiding kan nog niet worden ingediend."), fields=blockers)
    if review is None:
        if course.status is CourseStatus.PUBLISHED:
            raise InvalidTransition(
                _(
                    "Er zijn geen wijzigingen om in te dienen. "
                    "Gebruik ‘verlengen’ voor een nieuwe accreditatie."
                )
            )
        review = _new_review(course)
        db.session.flush()
    if import_batch is not None:
        review.import_batch = import_batch
        db.session.flush()  # the transition checks the version this write moved
    action = "resubmit" if review.state is ReviewState.CHANGES_REQUESTED else "submit"
    return apply_transition(user, review.id, action, version=review.version)


def start_renewal(user: User | None, course_id: int) -> Review:
    """Start a new review from the approved version; the current mark stays public meanwhile."""
    course = require_course_manager(user, course_id, _("Alleen de aanbieder kan een accreditatie verlengen."))
    review = open_review(course)
    if review is not None:
        raise InvalidTransition(_("Er loopt al een beoordeling voor deze opleiding."))
    approved = db.session.scalar(
        sa.select(Review)
        .where(Review.course_id == course.id, Review.state == ReviewState.APPROVED)
        .order_by(Review.decided_at.desc())
    )
    if approved is None or course.status is not CourseStatus.PUBLISHED:
        raise InvalidTransition(_("Alleen een goedgekeurde, gepubliceerde opleiding kan worden verlengd."))
    with unit_of_work():
        renewal = _new_review(course)
        renewal.renewal_of_id = approved.id
        db.session.flush()
        record(
            "review.renewal_started", "review", renewal.id, actor_id=user.id, after={"renews": approved.id}
        )
    return renewal


# -- the course side of a review (see catalogue.review_subjects) ------------------------------------


def snapshot_for_review(review: Review) -> dict[str, Any]:
    """What the reviewers judge: the pending proposal of a published course, else the course as it is."""
    if review.course.status is CourseStatus.PUBLISHED and review.proposal:
        return review.proposal
    return course_content(review.course)


def publish_reviewed_content(review: Review) -> None:
    """On approval: the reviewed content becomes the public course."""
    course = review.course
    if review.proposal:
        _apply_content(course, load_or_fail(_content_schema, review.proposal))
    if course.status is not CourseStatus.PUBLISHED:
        course.status = CourseStatus.PUBLISHED
        course.published_at = course.published_at or today()


# -- helpers -------------------------------------------------------------------------------------


def _edit_refusal() -> str:
    return _("Alleen de aanbieder kan deze opleiding wijzigen.")


def _editable_review(
    course: Course,
    version: int | None,
    *,
    content_change: bool = True,
    reviews: dict[int, Review] | None = None,
) -> Review | None:
    """The course's open review, once it is clear the course may change now.

    :raise Conflict: ``version`` is stale. :raise InvalidTransition: withdrawn, or content under review.
    """
    review = open_review(course) if reviews is None else reviews.get(course.id)
    if version is not None and version != course.version:
        raise Conflict(_("Deze opleiding is intussen door iemand anders gewijzigd. Laad haar opnieuw."))
    if course.status is CourseStatus.WITHDRAWN:
        raise InvalidTransition(_("Een teruggetrokken opleiding kan niet meer worden gewijzigd."))
    if content_change and review is not None and review.state in UNDER_REVIEW:
        raise InvalidTransition(
            _("Deze opleiding wordt beoordeeld; wijzigen kan weer als de beoordelaar erom vraagt.")
        )
    return review


def _new_review(course: Course) -> Review:
    review = Review(subject_type=SubjectType.COURSE, course=course, state=ReviewState.DRAFT, proposal={})
    db.session.add(review)
    return review


def _apply_content(course: Course, values: dict[str, Any], links: LinkLookup | None = None) -> None:
    lookup = (links or LinkLookup()).find
    for field in SCALAR_FIELDS:
        if field in values:
            setattr(course, field, values[field])
    if "title" in values:
        course.slug = slugify(values["title"])
    for key, relationship, model, column in LINK_FIELDS:
        if key in values:
            setattr(course, relationship, lookup(model, column, key, values[key]))
    if "legal_requirement" in values:
        code = values["legal_requirement"]
        course.legal_requirement = (
            lookup(LegalRequirement, "code", "legal_requirement", [code])[0] if code else None
        )


class LinkLookup:
    """Topics, roles, age groups, schemes and requirements by slug or code. One lookup serves one unit
    of work: a bulk import asks for the same few sets thousands of times, and asks the database once."""

    def __init__(self) -> None:
        self._found: dict[tuple[type, str, frozenset[str]], list[Any]] = {}

    def find(self, model: type, column: str, key: str, wanted: list[str]) -> list[Any]:
        """The entries named in ``wanted``. :raise ValidationFailed: one is unknown, named."""
        cache_key = (model, column, frozenset(wanted))
        if cache_key not in self._found:
            found = list(db.session.scalars(sa.select(model).where(getattr(model, column).in_(wanted))))
            unknown = sorted(set(wanted) - {getattr(item, column) for item in found})
            if unknown:
                raise ValidationFailed(
                    _("Onbekende waarde gekozen."),
                    fields={key: [_("onbekend: %(values)s", values=", ".join(unknown))]},
                )
            self._found[cache_key] = found
        return list(self._found[cache_key])


def _check_links(content: dict[str, Any], links: LinkLookup | None = None) -> None:
    lookup = (links or LinkLookup()).find
    for key, _relationship, model, column in LINK_FIELDS:
        lookup(model, column, key, content.get(key, []))
    if content.get("legal_requirement"):
        lookup(LegalRequirement, "code", "legal_requirement", [content["legal_requirement"]])
