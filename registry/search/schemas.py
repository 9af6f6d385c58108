"""The search boundary: query-string parameters in, hits and facet counts out."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from marshmallow import EXCLUDE, ValidationError, fields, post_load, pre_load, validate

from registry.schema import Schema
from registry.search.facets import FACETS
from registry.search.places import RADII_KM, locate
from registry.search.runs import Near

SORTS = ("relevantie", "start", "prijs", "nieuw", "afstand")
MAX_PER_PAGE = 50
_SCALARS = ("q", "sorteer", "pagina", "per_pagina", "bij", "straal")


class SearchArgsSchema(Schema):
    """``/zoeken`` and ``/api/v1/search`` share these parameters, so their URLs are interchangeable."""

    class Meta:
        unknown = EXCLUDE

    q = fields.String(load_default="", validate=validate.Length(max=200))
    sorteer = fields.String(
        load_default=None,
        validate=validate.OneOf(SORTS),
        metadata={"description": "default: afstand when `bij` is given, else relevantie"},
    )
    bij = fields.String(
        load_default="",
        validate=validate.Length(max=100),
        metadata={"description": "a Dutch place or postcode (Utrecht, 3511): runs within `straal` km"},
    )
    straal = fields.Integer(
        load_default=RADII_KM[0],
        validate=validate.OneOf(RADII_KM),
        metadata={"description": "radius around `bij`, in km"},
    )
    pagina = fields.Integer(load_default=1, validate=validate.Range(min=1, max=500))
    per_pagina = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE))
    for _facet in FACETS:
        locals()[_facet] = fields.List(fields.String(validate=validate.Length(max=80)), load_default=list)
    del _facet

    @pre_load
    def _lists_from_multidict(self, data: Any, **_kwargs) -> dict[str, Any]:
        # A query string repeats a key for several values (?provincie=utrecht&provincie=online).
        if hasattr(data, "getlist"):
            loaded = {key: data.get(key) for key in _SCALARS if key in data and data.get(key) != ""}
            loaded.update({facet: data.getlist(facet) for facet in FACETS if facet in data})
            return loaded
        # A mapping may give one value as a plain string.
        return {
            key: [value] if key in FACETS and isinstance(value, str) else value for key, value in data.items()
        }

    @post_load
    def _tidy(self, data: dict[str, Any], **_kwargs) -> dict[str, Any]:
        data["q"] = " ".join(data["q"].split())
        data["filters"] = {
            facet: tuple(sorted({value for value in data.pop(facet) if value})) for facet in FACETS
        }
        data["filters"] = {facet: values for facet, values in data["filters"].items() if values}
        data["bij"] = " ".join(data["bij"].split())
        data["near"] = None
        if data["bij"]:
            place = locate(data["bij"])
            if place is None:
                raise ValidationError(
                    _("Deze plaats of postcode kennen we niet. Typ een plaatsnaam of vier cijfers."),
                    field_name="bij",
                )
            data["near"] = Near(place, data["straal"])
        if data["sorteer"] is None or (data["sorteer"] == "afstand" and data["near"] is None):
            data["sorteer"] = "afstand" if data["near"] else "relevantie"
        return data


class FacetValueSchema(Schema):
    value = fields.String()
    label = fields.String()
    count = fields.Integer()
    selected = fields.Boolean()


class FacetSchema(Schema):
    name = fields.String()
    label = fields.String()
    values = fields.List(fields.Nested(FacetValueSchema))


class HitRunSchema(Schema):
    starts_on = fields.Date(attribute="run.starts", allow_none=True)
    online = fields.Function(lambda matched: matched.run.where == "online")
    city = fields.String(attribute="run.city")
    province = fields.Function(lambda matched: None if matched.run.where == "online" else matched.run.where)
    seats = fields.Integer(attribute="run.seats", allow_none=True)
    distance_km = fields.Function(
        lambda matched: None if matched.distance_km is None else round(matched.distance_km, 1),
        metadata={"type": "number", "nullable": True, "description": "from `bij`, in km (one decimal)"},
    )


class NearSchema(Schema):
    place = fields.String(attribute="place.name")
    province = fields.String(attribute="place.province")
    radius_km = fields.Integer()


class HitSchema(Schema):
    id = fields.Integer(attribute="course.id")
    title = fields.String(attribute="course.title")
    url = fields.String()
    provider = fields.String(attribute="course.provider.name")
    summary = fields.String(attribute="course.summary")
    snippet = fields.String(metadata={"description": "HTML: escaped text with <mark> around matches"})
    price = fields.Decimal(
        attribute="course.price", as_string=True, metadata={"type": "string", "format": "decimal"}
    )
    delivery_mode = fields.String(attribute="course.delivery_mode.value")
    next_start = fields.Date(allow_none=True)
    accreditation = fields.String()
    run = fields.Nested(
        HitRunSchema,
        allow_none=True,
        metadata={"description": "the run that matched province, start and place (else the next run)"},
    )


class SearchResponseSchema(Schema):
    query = fields.String()
    corrected_query = fields.String(allow_none=True)
    did_you_mean = fields.String(allow_none=True)
    partial = fields.Boolean(
        metadata={"description": "no course has every word: these hits have most of them, best first"}
    )
    notice = fields.String(allow_none=True, metadata={"description": "what to tell the searcher, in Dutch"})
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()
    sort = fields.String()
    near = fields.Nested(NearSchema, allow_none=True)
    filters = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    hits = fields.List(fields.Nested(HitSchema))
    facets = fields.List(fields.Nested(FacetSchema))


class SuggestArgsSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    q = fields.String(load_default="", validate=validate.Length(max=100))


class SuggestResponseSchema(Schema):
    query = fields.String()
    suggestions = fields.List(fields.String())
