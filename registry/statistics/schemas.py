"""The statistics boundary: filter parameters in, figures out (the page, the JSON API and CSV agree)."""

from __future__ import annotations

from marshmallow import EXCLUDE, fields, validate

from registry.catalogue.enums import Province
from registry.schema import Schema
from registry.statistics.counting import HORIZONS, ONLINE

PLACES = [province.value for province in Province] + [ONLINE]


class StatisticsArgsSchema(Schema):
    """``/statistieken`` and ``/api/v1/statistics`` share these filters, so every view has a URL."""

    class Meta:
        unknown = EXCLUDE

    periode = fields.String(
        load_default=str(HORIZONS[0]), validate=validate.OneOf([str(h) for h in HORIZONS])
    )
    provincie = fields.String(load_default=None, validate=validate.OneOf(PLACES))
    eis = fields.String(load_default=None, validate=validate.Length(max=40))


class FiltersSchema(Schema):
    period = fields.String(metadata={"description": "Months ahead the coverage map looks: 3 or 12."})
    province = fields.String(allow_none=True)
    requirement = fields.String(allow_none=True, metadata={"description": "A legal requirement's code."})


class FigureSchema(Schema):
    key = fields.String(
        metadata={"description": "Also the name of the figure's CSV: /statistieken/<key>.csv"}
    )
    title = fields.String()
    as_of = fields.Date()
    counting = fields.String(metadata={"description": "How the figure is counted."})
    summary = fields.List(fields.String(), metadata={"description": "The figure in words."})
    columns = fields.List(fields.String())
    rows = fields.List(fields.List(fields.Raw()))


class StatisticsResponseSchema(Schema):
    as_of = fields.Date()
    computed_at = fields.DateTime(
        allow_none=True,
        metadata={
            "description": "When the figures were counted; a catalogue change is counted within minutes."
        },
    )
    filters = fields.Nested(FiltersSchema)
    figures = fields.List(fields.Nested(FigureSchema))
