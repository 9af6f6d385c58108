"""What review cases look like in the JSON API."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, fields, pre_load, validate

from registry.reviews.models import ReviewState, SubjectType
from registry.schema import Schema


def enum_value(attribute: str) -> fields.Function:
    """An enum attribute, dumped as its value (or null)."""
    return fields.Function(lambda obj: getattr(getattr(obj, attribute), "value", None))


class CommentSchema(Schema):
    id = fields.Integer()
    author_id = fields.Integer(allow_none=True)
    action = fields.String()
    body = fields.String()
    created_at = fields.DateTime()


class HistorySchema(Schema):
    action = fields.String()
    actor_id = fields.Integer(allow_none=True)
    occurred_at = fields.DateTime()
    before = fields.Dict(allow_none=True)
    after = fields.Dict(allow_none=True)


class MarkSchema(Schema):
    id = fields.Integer()
    awarded_on = fields.Date()
    valid_until = fields.Date()
    status = enum_value("status")


class ReviewSummarySchema(Schema):
    id = fields.Integer()
    subject_type = enum_value("subject_type")
    subject_name = fields.String()
    course_id = fields.Integer(allow_none=True)
    provider_id = fields.Integer(allow_none=True)
    state = enum_value("state")
    version = fields.Integer()
    assignee_id = fields.Integer(allow_none=True)
    submitted_at = fields.DateTime(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)


class ReviewDetailSchema(ReviewSummarySchema):
    proposal = fields.Dict()
    checklist = fields.Dict(keys=fields.String(), values=fields.Boolean())
    recommendation = enum_value("recommendation")
    recommended_by_id = fields.Integer(allow_none=True)
    confirmed_by_id = fields.Integer(allow_none=True)
    rationale = fields.String()
    renewal_of_id = fields.Integer(allow_none=True)
    comments = fields.List(fields.Nested(CommentSchema))
    marks = fields.List(fields.Nested(MarkSchema))


class CaseSchema(Schema):
    """A case with everything its page shows: the review, its criteria, history and the steps open to you."""

    review = fields.Nested(ReviewDetailSchema)
    criteria = fields.Dict(keys=fields.String(), values=fields.String())
    history = fields.List(fields.Nested(HistorySchema))
    available_actions = fields.List(fields.String())


class ActionSchema(Schema):
    """A request to take one workflow step."""

    class Meta:
        unknown = EXCLUDE

    action = fields.String(required=True, error_messages={"required": _l("Kies een stap.")})
    comment = fields.String(load_default="", validate=validate.Length(max=10_000))
    version = fields.Integer(
        strict=True, required=True, error_messages={"required": _l("Stuur de versie mee die u zag.")}
    )


class CommentInputSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    comment = fields.String(
        required=True,
        validate=validate.Length(min=1, max=10_000, error=_l("Schrijf een reactie.")),
    )


class ChecklistSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    checklist = fields.Dict(
        keys=fields.String(),
        values=fields.Boolean(),
        required=True,
        error_messages={"invalid": _l("Stuur een object met criterium: true/false.")},
    )
    version = fields.Integer(strict=True, load_default=None)


_DAYS = _l("Geef een aantal dagen van 0 tot 36500.")


class QueueFilterSchema(Schema):
    """The queue's filters, one set of rules for the officials' page and the API.

    The page names its query parameters in Dutch (``status``, ``soort``, ``ouder_dan``, ``mijn``); both
    names are read, and an empty choice means "no filter".
    """

    class Meta:
        unknown = EXCLUDE

    PAGE_NAMES = {
        "status": "state",
        "soort": "subject_type",
        "ouder_dan": "older_than_days",
        "import": "import_batch",
        "mijn": "assigned_to_me",
    }

    state = fields.Enum(
        ReviewState,
        by_value=True,
        allow_none=True,
        load_default=None,
        error_messages={"unknown": _l("Kies een bestaande status.")},
    )
    subject_type = fields.Enum(
        SubjectType,
        by_value=True,
        allow_none=True,
        load_default=None,
        error_messages={"unknown": _l("Kies een accreditatie of een keurmerk.")},
    )
    older_than_days = fields.Integer(
        allow_none=True,
        load_default=None,
        strict=False,
        validate=validate.Range(min=0, max=36_500, error=_DAYS),
        error_messages={"invalid": _DAYS},
    )
    assigned_to_me = fields.Boolean(allow_none=True, load_default=False)

    import_batch = fields.String(
        allow_none=True,
        load_default=None,
        validate=validate.Regexp(r"^import-[0-9a-f]{16}$", error=_l("Deze import bestaat niet.")),
        metadata={"description": "Only the cases a provider submitted together from one import."},
    )

    @pre_load
    def _query_names(self, data: Any, **_kwargs: Any) -> dict[str, Any]:
        values = {self.PAGE_NAMES.get(key, key): data[key] for key in data}
        return {key: (None if value == "" else value) for key, value in values.items()}
