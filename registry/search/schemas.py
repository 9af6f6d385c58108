"""The search boundary: query-string parameters in, hits and facet counts out."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, fields, post_load, pre_load, validate

from registry.search.facets import FACETS

SORTS = ("relevantie", "start", "prijs", "nieuw")
MAX_PER_PAGE = 50


class SearchArgsSchema(Schema):
    """``/zoeken`` and ``/api/v1/search`` share these parameters, so their URLs are interchangeable."""

    class Meta:
        unknown = EXCLUDE

    q = fields.String(load_default="", validate=validate.Length(max=200))
    sorteer = fields.String(load_default="relevantie", validate=validate.OneOf(SORTS))
    pagina = fields.Integer(load_default=1, validate=validate.Range(min=1, max=500))
    per_pagina = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE))
    for _facet in FACETS:
        locals()[_facet] = fields.List(fields.String(validate=validate.Length(max=80)), load_default=list)
    del _facet

    @pre_load
    def _lists_from_multidict(self, data: Any, **_kwargs) -> dict[str, Any]:
        # A query string repeats a key for several values (?provincie=utrecht&provincie=online).
        if hasattr(data, "getlist"):
            loaded = {key: data.get(key) for key in ("q", "sorteer", "pagina", "per_pagina") if key in data}
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
